package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.influencebot.store.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README: replies never ping anyone. On Telegram an {@code @name} in a reply notifies the Telegram user of
 * that name if they are in the chat, and social handles are often Telegram names too: no reply, as the
 * real client sends it, has an {@code @} followed by a name outside a {@code <code>} element.
 */
class NoPingTest {
  private static final long ALICE = 1001;
  private static final long GROUP = -100123;
  private static final String BOT = "@" + FakeBotApi.BOT_NAME;
  /** An {@code @} Telegram reads as the start of a mention: followed by a letter, a digit or _. */
  private static final Pattern MENTION = Pattern.compile("@[\\p{L}\\p{N}_]");
  private static final Pattern CODE = Pattern.compile("<code>.*?</code>", Pattern.DOTALL);

  @TempDir
  Path dataDir;

  private FakeBotApi api;
  private Harness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (api != null) {
      api.close();
    }
  }

  static List<String> mentions(String html) {
    List<String> found = new ArrayList<>();
    var m = MENTION.matcher(CODE.matcher(html).replaceAll(""));
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  @Test
  void theCheckSeesABareMentionAndNotOneInCodeOrWithAJoiner() {
    assertThat(mentions("<b>@alice · Alice</b>")).containsExactly("@a");
    assertThat(mentions("<code>/influence @handle</code> and @\u2060alice@\u2060example.social")).isEmpty();
    assertThat(TelegramHtml.escape("@alice@example.social, @ and @_x, mail@ home")).isEqualTo(
        "@\u2060alice@\u2060example.social, @ and @\u2060_x, mail@ home");
    assertThat(TelegramHtml.escapeCode("@alice")).isEqualTo("@alice");
  }

  @Test
  void noReplyMentionsAnyone() throws Exception {
    api = new FakeBotApi();
    harness = new Harness(api, api.options()
        .withPacing(new TelegramOptions.Pacing(java.time.Duration.ofMillis(20), 600, 30)), dataDir);
    harness.bot.start();
    List<String> shown = new ArrayList<>();

    for (String asked : new String[] {"/influence @mid_creator", "/authenticity @bought_5k",
        "/compare @mid_creator @megastar", "/influence @nobody_here", "/influence @alice@example.social", "/help",
        "/link @mid_creator", "/link", "/influence"}) {
      api.privateText(ALICE, "en", asked);
      shown.add(api.next("sendMessage").text());
    }
    api.privateText(ALICE, "fr", "/influence @megastar");
    shown.add(api.next("sendMessage").text());
    api.inlineQuery(ALICE, "en", "@small_person");
    shown.add(api.next("answerInlineQuery").json().path("results").get(0).path("input_message_content")
        .path("message_text").asText());

    // The group is told how to get a private reply the asker's chat refused: it names the bot.
    harness.store.settings().change(Scope.telegramChat(Long.toString(GROUP)), "1", "private-replies", "on");
    api.override = c -> c.chatId() == ALICE && c.method().equals("sendmessage")
        ? Optional.of(FakeBotApi.json(403,
            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot can't initiate conversation with a user\"}"))
        : Optional.empty();
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    shown.add(api.next(c -> c.chatId() == GROUP && c.method().equals("sendmessage")).text());

    assertThat(shown).hasSize(12).allSatisfy(html -> assertThat(mentions(html)).as(html).isEmpty());
    assertThat(shown.get(0)).startsWith("<b>@" + TelegramHtml.WORD_JOINER + "mid_creator · ");
    assertThat(shown.get(5)).contains("<code>/influence @handle</code>");
    assertThat(shown.get(11)).contains("<a href=\"https://t.me/" + FakeBotApi.BOT_NAME + "\">");
  }
}
