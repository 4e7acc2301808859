package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.Button;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

class DiscordEmbedsTest {
  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
  private final Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), CLOCK);
  private static final Button.Codec CODEC = new Button.Codec();
  private final DiscordEmbeds embeds = new DiscordEmbeds(CLOCK, s -> Optional.empty());

  private static Account account(String name) {
    return SampleAccounts.all().stream().filter(a -> a.handle().equals(name)).findFirst().orElseThrow();
  }

  /** The longest content there can be: a huge display name and handle, a huge source name, mentions and markdown everywhere. */
  private Lookup monster() {
    String huge = ("@everyone *bold* _it_ `code` <@&123> \\ ||spoiler|| [link](http://x) 😀").repeat(300);
    Account a = account("bought_5k").toBuilder().handle("x".repeat(5000)).displayName(huge).bio(huge).build();
    Summary s = analyzer.analyze(Handle.of("sample", "h_".repeat(3000)), a, huge);
    return new Lookup(s, false, true, Optional.empty());
  }

  private static void assertWithinLimits(MessageEmbed e) {
    assertThat(e.getTitle()).hasSizeLessThanOrEqualTo(256);
    assertThat(e.getDescription()).hasSizeLessThanOrEqualTo(4096);
    assertThat(e.getFields()).hasSizeLessThanOrEqualTo(25);
    for (MessageEmbed.Field f : e.getFields()) {
      assertThat(f.getName()).hasSizeLessThanOrEqualTo(256);
      assertThat(f.getValue()).hasSizeLessThanOrEqualTo(1024).isNotEmpty();
    }
    if (e.getFooter() != null) {
      assertThat(e.getFooter().getText()).hasSizeLessThanOrEqualTo(2048);
    }
    assertThat(e.getLength()).isLessThanOrEqualTo(6000);
    assertThat(e.isSendable()).isTrue();
  }

  @Test
  void theLongestPossibleSummaryStaysWithinEveryDiscordLimitAndEndsCutTextWithAnEllipsis() {
    for (Messages m : List.of(Messages.english(), Messages.forTag("fr"))) {
      for (Reply.Focus focus : Reply.Focus.values()) {
        for (boolean details : new boolean[] {false, true}) {
          DiscordMessage message = embeds.render(new Reply.SummaryReply(monster(), focus, details), m, CODEC);
          MessageEmbed e = message.embeds().get(0);
          assertWithinLimits(e);
          assertThat(e.getTitle()).endsWith("…").doesNotContain("@everyone").doesNotContain("<@&123>");
          assertThat(e.getFooter().getText()).endsWith("…");
          message.toCreate(); // JDA's own checks accept it
        }
      }
    }
  }

  @Test
  void theLongestPossibleComparisonStaysWithinEveryDiscordLimit() {
    Lookup a = monster();
    DiscordMessage message = embeds.render(new Reply.CompareReply(a, a,
        org.influencebot.core.text.Text.of("compare.tie", "x".repeat(5000), "y".repeat(5000), 50)), Messages.english(), CODEC);
    assertWithinLimits(message.embeds().get(0));
  }

  @Test
  void fieldsBeyondTheTotalBudgetAreCutOrLeftOutSoTheEmbedNeverPassesSixThousand() {
    DiscordEmbeds.Budget budget = new DiscordEmbeds.Budget("t".repeat(1000), "d".repeat(9000), "f".repeat(9000));
    EmbedBuilder b = budget.start();
    int added = 0;
    for (int i = 0; i < 40 && budget.addField(b, "n".repeat(500), "v".repeat(5000)); i++) {
      added++;
    }
    MessageEmbed e = b.build();
    assertWithinLimits(e);
    assertThat(added).isGreaterThan(0).isLessThan(25);
    assertThat(e.getFields().get(e.getFields().size() - 1).getValue()).endsWith("…");
  }

  @Test
  void twentyFiveShortFieldsAtMost() {
    DiscordEmbeds.Budget budget = new DiscordEmbeds.Budget("t", "d", "f");
    EmbedBuilder b = budget.start();
    int added = 0;
    while (budget.addField(b, "n", "v")) {
      added++;
    }
    assertThat(added).isEqualTo(25);
  }

  private MessageEmbed embedOf(String sample) {
    Summary s = analyzer.analyze(Handle.of("sample", sample), account(sample), "sample");
    return embeds.render(new Reply.SummaryReply(new Lookup(s, false, false, Optional.empty()),
        Reply.Focus.AUTHENTICITY, false), Messages.english(), CODEC).embeds().get(0);
  }

  /**
   * docs/discord.md: "coloured by verdict (green: looks authentic, amber: mixed, red: likely inflated,
   * purple: likely automated, grey: not enough evidence)", on the sample accounts whose verdicts the
   * README lists.
   */
  @Test
  void theEmbedIsColouredByVerdictAsTheDocumentationSays() {
    java.awt.Color authentic = embedOf("mid_creator").getColor();
    assertThat(authentic.getGreen()).as("green").isGreaterThan(authentic.getRed()).isGreaterThan(authentic.getBlue());
    java.awt.Color inflated = embedOf("bought_5k").getColor();
    assertThat(inflated.getRed()).as("red").isGreaterThan(2 * inflated.getGreen()).isGreaterThan(2 * inflated.getBlue());
    java.awt.Color mixed = embedOf("bot_amplified").getColor();
    assertThat(mixed.getRed()).as("amber").isGreaterThan(mixed.getGreen());
    assertThat(mixed.getGreen()).as("amber").isGreaterThan(2 * mixed.getBlue());
    java.awt.Color automated = embedOf("weather_bot").getColor();
    assertThat(Math.min(automated.getRed(), automated.getBlue())).as("purple").isGreaterThan(automated.getGreen());
    java.awt.Color unknown = embedOf("brand_new").getColor();
    assertThat(Math.max(unknown.getRed(), Math.max(unknown.getGreen(), unknown.getBlue()))
        - Math.min(unknown.getRed(), Math.min(unknown.getGreen(), unknown.getBlue()))).as("grey").isLessThan(16);
  }

  @Test
  void aSummaryOffersDetailsAndRefreshButtonsThatReadBackAsTheCoresCommands() {
    Summary s = analyzer.analyze(Handle.of("sample", "bought_5k"), account("bought_5k"), "sample");
    DiscordMessage message = embeds.render(new Reply.SummaryReply(new Lookup(s, false, false, Optional.empty()),
        Reply.Focus.AUTHENTICITY, false), Messages.english(), CODEC);
    MessageEmbed e = message.embeds().get(0);
    assertThat(e.getFields()).hasSize(s.authenticity().signals().size());
    assertThat(message.rows().get(0).getButtons()).extracting(b -> CODEC.decode(b.getCustomId()).orElseThrow())
        .containsExactly(new Button(Button.Action.DETAILS, Reply.Focus.AUTHENTICITY, s.handle()),
            new Button(Button.Action.REFRESH, Reply.Focus.AUTHENTICITY, s.handle()));
    assertThat(message.rows().get(0).getButtons()).allSatisfy(b -> assertThat(b.getCustomId()).hasSizeLessThanOrEqualTo(100));
    assertThat(message.ephemeral()).isFalse();
  }

  @Test
  void everyKindOfReplyRendersAndTheMemberCommandsAnswersAreForTheAskerAlone() {
    Messages m = Messages.english().dialect("discord");
    DiscordMessage note = embeds.render(Reply.Note.of("link.none"), m, CODEC);
    assertThat(note.ephemeral()).isTrue();
    assertThat(note.content()).contains("/influence-link");
    DiscordMessage elsewhere = embeds.render(new Reply.NotHere(java.util.Set.of("42", "7")), m, CODEC);
    assertThat(elsewhere.ephemeral()).isTrue();
    assertThat(elsewhere.content()).contains("<#42>", "<#7>");
    DiscordMessage debug = embeds.render(new Reply.DebugReply("a = b"), m, CODEC);
    assertThat(debug.ephemeral()).isTrue();
    assertThat(debug.embeds().get(0).getDescription()).isEqualTo("```\na = b\n```");
  }

  @Test
  void theChartIsAttachedAndShownWhenTheHookDrawsOne() {
    byte[] png = {1, 2, 3};
    DiscordEmbeds withCharts = new DiscordEmbeds(CLOCK, s -> Optional.of(png));
    Summary s = analyzer.analyze(Handle.of("sample", "mid_creator"), account("mid_creator"), "sample");
    DiscordMessage message = withCharts.render(new Reply.SummaryReply(new Lookup(s, false, false, Optional.empty()),
        Reply.Focus.INFLUENCE, false), Messages.english(), CODEC);
    assertThat(message.chart()).contains(png);
    assertThat(message.embeds().get(0).getImage().getUrl()).isEqualTo("attachment://chart.png");
    assertThat(message.toCreate().getFiles()).extracting(f -> f.getName()).containsExactly("chart.png");
  }

  @Test
  void compareAttachesTheSideBySideChartInTheReadersLanguage() {
    java.util.List<String> languages = new java.util.ArrayList<>();
    DiscordEmbeds withCharts = new DiscordEmbeds(CLOCK, (s, m) -> Optional.empty(), (a, b, m) -> {
      languages.add(m.locale().getLanguage() + ":" + a.handle().name() + "/" + b.handle().name());
      return Optional.of(new byte[] {4, 5});
    });
    Summary a = analyzer.analyze(Handle.of("sample", "mid_creator"), account("mid_creator"), "sample");
    Summary b = analyzer.analyze(Handle.of("sample", "bought_5k"), account("bought_5k"), "sample");
    DiscordMessage message = withCharts.render(new Reply.CompareReply(new Lookup(a, false, false, Optional.empty()),
        new Lookup(b, false, false, Optional.empty()), org.influencebot.core.text.Text.of("compare.unknown")),
        Messages.forTag("fr"), CODEC);
    assertThat(languages).containsExactly("fr:mid_creator/bought_5k");
    assertThat(message.chart()).hasValueSatisfying(png -> assertThat(png).containsExactly(4, 5));
    assertThat(message.embeds().get(0).getImage().getUrl()).isEqualTo("attachment://chart.png");
  }

  @Test
  void aSummaryWhoseChartIsNotDrawnYetIsNotAnImmediateAnswerButIsOnceDrawn() {
    java.util.concurrent.atomic.AtomicInteger draws = new java.util.concurrent.atomic.AtomicInteger();
    DiscordEmbeds drawing = new DiscordEmbeds(CLOCK, (s, m) -> {
      draws.incrementAndGet();
      return Optional.of(new byte[] {7});
    }, org.influencebot.core.chart.ComparisonChart.none());
    Summary s = analyzer.analyze(Handle.of("sample", "mid_creator"), account("mid_creator"), "sample");
    Reply reply = new Reply.SummaryReply(new Lookup(s, true, false, Optional.empty()), Reply.Focus.INFLUENCE, false);
    assertThat(drawing.rendersAtOnce(reply, Messages.english())).isFalse();
    drawing.render(reply, Messages.english(), CODEC);
    assertThat(drawing.rendersAtOnce(reply, Messages.english())).isTrue();
    assertThat(drawing.rendersAtOnce(reply, Messages.forTag("fr"))).as("another language, another chart").isFalse();
    drawing.render(reply, Messages.english(), CODEC);
    assertThat(draws).hasValue(1);
    assertThat(embeds.rendersAtOnce(reply, Messages.english())).as("no chart to draw").isTrue();
  }

  @Test
  void aFailingChartLeavesTheSummaryWithoutImage() {
    DiscordEmbeds broken = new DiscordEmbeds(CLOCK, s -> {
      throw new IllegalStateException("no fonts");
    });
    Summary s = analyzer.analyze(Handle.of("sample", "mid_creator"), account("mid_creator"), "sample");
    DiscordMessage message = broken.render(new Reply.SummaryReply(new Lookup(s, false, false, Optional.empty()),
        Reply.Focus.INFLUENCE, false), Messages.english(), CODEC);
    assertThat(message.chart()).isEmpty();
    assertThat(message.embeds().get(0).getImage()).isNull();
  }

  @Test
  void aSummaryAskedAgainReusesItsEmbedUntilItsFooterWouldSayAnotherAge() {
    // The clock the embeds read: moved by hand, so that the footer's age changes when the test says so.
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
        SampleAccounts.OBSERVED.plus(Duration.ofMinutes(5)));
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return now.get();
      }
    };
    DiscordEmbeds kept = new DiscordEmbeds(moving, s -> Optional.empty());
    Summary s = analyzer.analyze(Handle.of("sample", "mid_creator"), account("mid_creator"), "test");
    Reply.SummaryReply cached = new Reply.SummaryReply(new Lookup(s, true, false, Optional.empty()), Reply.Focus.INFLUENCE,
        false);
    Messages en = Messages.english().dialect("discord");
    MessageEmbed first = kept.summaryEmbed(cached, en, false);
    // Asked again (another interaction, another Messages of the same language): the same embed, not laid out again.
    assertThat(kept.summaryEmbed(cached, Messages.english().dialect("discord"), false)).isSameAs(first);
    // What a renderer without anything kept lays out at that instant.
    assertThat(first.toData().toString()).isEqualTo(
        new DiscordEmbeds(moving, s2 -> Optional.empty()).summaryEmbed(cached, en, false).toData().toString());
    // Another language, focus, length, chart or freshness is another embed.
    assertThat(kept.summaryEmbed(cached, Messages.forTag("fr").dialect("discord"), false).getFooter().getText())
        .isNotEqualTo(first.getFooter().getText());
    assertThat(kept.summaryEmbed(new Reply.SummaryReply(cached.lookup(), Reply.Focus.AUTHENTICITY, false), en, false))
        .isNotSameAs(first);
    assertThat(kept.summaryEmbed(new Reply.SummaryReply(cached.lookup(), Reply.Focus.INFLUENCE, true), en, false)
        .getFields().size()).isGreaterThan(first.getFields().size());
    assertThat(kept.summaryEmbed(cached, en, true).getImage()).isNotNull();
    assertThat(first.getImage()).isNull();
    // Within the same minute of age the footer is the same sentence: still the kept embed.
    now.set(now.get().plusSeconds(20));
    assertThat(kept.summaryEmbed(cached, en, false)).isSameAs(first);
    // A minute older: the footer says so, and that embed is kept in turn.
    now.set(now.get().plus(Duration.ofMinutes(1)));
    MessageEmbed later = kept.summaryEmbed(cached, en, false);
    assertThat(later.getFooter().getText()).isNotEqualTo(first.getFooter().getText());
    assertThat(later.toData().toString()).isEqualTo(
        new DiscordEmbeds(moving, s2 -> Optional.empty()).summaryEmbed(cached, en, false).toData().toString());
    assertThat(kept.summaryEmbed(cached, en, false)).isSameAs(later);
    // The same summary freshly computed says so ("from cache" no more): its own embed, which replaces the kept one.
    assertThat(kept.summaryEmbed(new Reply.SummaryReply(new Lookup(s, false, false, Optional.empty()),
        Reply.Focus.INFLUENCE, false), en, false).getFooter().getText()).isNotEqualTo(later.getFooter().getText());
  }

  @Test
  void theHelpIsLaidOutOncePerLanguage() {
    MessageEmbed en = embeds.help(Messages.english().dialect("discord"));
    assertThat(embeds.help(Messages.english().dialect("discord"))).isSameAs(en);
    assertThat(embeds.help(Messages.forTag("fr").dialect("discord")).getDescription()).isNotEqualTo(en.getDescription());
    // The common wording (no platform) is another text: /link, not /influence-link.
    assertThat(embeds.help(Messages.english())).isNotSameAs(en);
  }
}
