package org.influencebot.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/org/influencebot/core/text/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void anApostropheInAChoiceBranchWithAnArgumentSurvives() {
    // A choice branch holding {0} is formatted a second time, where a single quote would start a quoted part.
    Messages fr = Messages.forLocale(Locale.FRENCH);
    assertThat(fr.get("members.waves", 2)).startsWith("2 vagues d’arrivées");
    assertThat(fr.get("audit.deeper.not_judged", 2, "x")).contains("n’ont pas pu");
    assertThat(fr.get("chart.joins.subtitle", 30, 3)).endsWith("3 vagues d’arrivées, en couleur");
    assertThat(fr.get("members.waves", 1)).startsWith("Une vague d'arrivées");
  }

  @Test
  void everyKeyExistsInEnglishAndFrench() throws IOException {
    Properties en = load("messages.properties");
    Properties fr = load("messages_fr.properties");
    assertThat(fr.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
  }

  @Test
  void everyPatternIsAValidMessageFormat() throws IOException {
    for (String file : new String[] {"messages.properties", "messages_fr.properties"}) {
      Properties p = load(file);
      for (String key : p.stringPropertyNames()) {
        new MessageFormat(p.getProperty(key), Locale.ROOT);
      }
    }
  }

  @Test
  void frenchFollowsThePlatformLocaleAndEverythingElseFallsBackToEnglish() {
    assertThat(Messages.forTag("fr-FR").get("verdict.authentic")).isEqualTo("semble authentique");
    assertThat(Messages.forTag("de").get("verdict.authentic")).isEqualTo("looks authentic");
    assertThat(Messages.forTag(null).locale()).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void apostrophesSurviveFormatting() {
    assertThat(Messages.forTag("fr").get("error.rateLimited", 5)).isEqualTo("Vous allez un peu vite : réessayez dans 5 s.");
    assertThat(Messages.forTag("fr").get("signal.account.human", 3)).contains("celui d'une personne");
    assertThat(Messages.english().get("error.internal")).contains("bot's side");
  }

  @Test
  void frenchAbstentionReasonsReadAsFrench() {
    // "parce que ils" is not French ("parce qu'ils"): the reasons follow "car", which never elides.
    Messages fr = Messages.forTag("fr");
    for (String reason : new String[] {"abstention.too_few_assessed", "abstention.out_of_distribution"}) {
      String r = fr.get(reason);
      for (String sentence : new String[] {fr.get("audit.not_judged", "les abonnés récents", r),
          fr.get("audit.deeper.not_judged", 2, r), fr.get("signal.follower_audit.unjudged", r)}) {
        assertThat(sentence).as(sentence).doesNotContainPattern("(?i)\\b(que|de|ne|le|la) [aeiouéèêàâîôûy]|\\bsi il");
      }
    }
  }

  @Test
  void numbersReadAsMessageFormatWritesThemInEveryPatternAndLanguage() throws IOException {
    // Messages formats the numbers of a pattern without format elements with one kept NumberFormat: the
    // sentences must be exactly those MessageFormat writes with its own, for every pattern, both languages.
    Object[][] argumentSets = {
        {1234567L, 12.5, 3, 0L, -42, 0.125, 1_000_000_000_000L, 7L},
        {"text", 2.0, 1L, "x", 1, 99.95, "y", 0},
    };
    for (String file : new String[] {"messages.properties", "messages_fr.properties"}) {
      Properties p = load(file);
      Messages m = file.contains("_fr") ? Messages.forTag("fr") : Messages.english();
      for (String key : p.stringPropertyNames()) {
        String pattern = p.getProperty(key);
        if (!pattern.contains("{")) {
          continue;
        }
        for (Object[] args : argumentSets) {
          String expected;
          try {
            expected = new MessageFormat(pattern, m.locale()).format(args);
          } catch (IllegalArgumentException notForTheseArguments) {
            continue; // a choice or number format given a string: not a sentence the bot writes
          }
          assertThat(m.get(key, args)).as("%s in %s", key, file).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void parsedPatternsAreReusedPerLanguageFromManyThreads() throws Exception {
    // Patterns are parsed once per language (shared by its dialects) and reused: threads formatting the
    // same patterns in two languages each get the sentence a fresh parse gives, in their own language.
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 4000; i++) {
        long n = i;
        Messages m = i % 2 == 0 ? Messages.english().dialect("discord") : Messages.forTag("fr");
        results.add(pool.submit(() -> m.get("component.engagement.result", n * 1000, "1", "2") + "|" + m.number(n * 1000)));
      }
      for (int i = 0; i < results.size(); i++) {
        Messages m = i % 2 == 0 ? Messages.english() : Messages.forTag("fr");
        assertThat(results.get(i).get()).isEqualTo(
            m.get("component.engagement.result", i * 1000L, "1", "2") + "|" + m.number(i * 1000L));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(Messages.english().number(12400)).isEqualTo("12,400");
    assertThat(Messages.forTag("fr").number(12400)).isNotEqualTo("12,400").endsWith("400");
  }

  @Test
  void countsOfOneAreSingular() {
    Messages en = Messages.english();
    Messages fr = Messages.forTag("fr");
    assertThat(en.get("component.engagement.result", 1L, "1", "2")).startsWith("1 reaction per original post");
    assertThat(en.get("component.engagement.result", 1200L, "1", "2")).startsWith("1,200 reactions per original post");
    assertThat(fr.get("component.engagement.result", 1L, "1", "2")).startsWith("1 réaction par publication");
    assertThat(fr.get("component.engagement.result", 0L, "1", "2")).startsWith("0 réaction par publication");
    assertThat(en.get("compare.winner", "@a", "@b", 1, "why")).contains("by 1 point: why");
    assertThat(en.get("compare.winner", "@a", "@b", 7, "why")).contains("by 7 points: why");
    assertThat(fr.get("compare.winner", "@a", "@b", 1, "why")).contains("de 1 point : why");
  }

  @Test
  void theFooterNamesTheFakeFollowerModelWithoutCallingTheScoresFake() {
    String en = Messages.english().get("summary.sampled", 200, 100, "sample", "fake-model-v1");
    assertThat(en).doesNotContain("fake scores").contains("fake followers estimated with fake-model-v1");
    assertThat(Messages.forTag("fr").get("summary.sampled", 200, 100, "sample", "fake-model-v1"))
        .doesNotContain("scores de faux").contains("faux abonnés estimés avec fake-model-v1");
  }

  /**
   * Issue 15: what Discord shows names the commands as Discord knows them ({@code /influence-link},
   * {@code /influence-unlink}, {@code /influence-settings}, {@code /influence-debug}) and no
   * {@code details} word, which is no option there. Text-command errors and other platforms' keys are
   * never shown on Discord.
   */
  @Test
  void discordNamesEveryCommandAsDiscordDoes() throws IOException {
    java.util.regex.Pattern foreign = java.util.regex.Pattern.compile(
        "(?<![\\w-])/(link|unlink|settings|debug|lier|délier|réglages)\\b|\"details\"|« details »|\\bdetails for\\b");
    for (Messages language : new Messages[] {Messages.english(), Messages.forTag("fr")}) {
      Messages discord = language.dialect("discord");
      for (String key : load("messages.properties").stringPropertyNames()) {
        if (key.startsWith("telegram.") || key.startsWith("console.") || key.startsWith("command.error.")
            || key.startsWith("discord.")) {
          continue;
        }
        String shown = discord.get(key);
        assertThat(foreign.matcher(shown).find()).as("%s in %s: %s", key, language.locale(), shown).isFalse();
      }
    }
  }
}
