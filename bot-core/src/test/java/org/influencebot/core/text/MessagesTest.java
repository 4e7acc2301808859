package org.influencebot.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
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
}
