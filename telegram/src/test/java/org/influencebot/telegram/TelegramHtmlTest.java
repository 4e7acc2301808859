package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramHtmlTest {
  @Test
  void escapesEveryCharacterHtmlParseModeReads() {
    assertThat(TelegramHtml.escape("<b>Tom & \"Jerry\"</b>")).isEqualTo("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
    assertThat(TelegramHtml.escape(null)).isEmpty();
  }

  @Test
  void splitsOnLineBoundariesWithinTheLimit() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      lines.add("<b>line " + i + "</b> " + "x".repeat(30));
    }
    List<String> messages = TelegramHtml.split(lines, TelegramHtml.MESSAGE_LIMIT);
    assertThat(messages).hasSizeGreaterThan(1).allSatisfy(m -> {
      assertThat(m.length()).isLessThanOrEqualTo(TelegramHtml.MESSAGE_LIMIT);
      assertThat(m).startsWith("<b>line ").endsWith("x");
    });
    assertThat(String.join("\n", messages)).isEqualTo(String.join("\n", lines));
  }

  @Test
  void shortensWithoutCuttingATagOrAnEntityAndClosesOpenTags() {
    String html = "<b>" + "&amp;".repeat(400) + "</b>";
    for (int max = 13; max < 60; max++) {
      String cut = TelegramHtml.shorten(html, max);
      assertThat(cut.length()).isLessThanOrEqualTo(max);
      assertThat(cut).endsWith("…</b>").startsWith("<b>");
      String inner = cut.substring(3, cut.length() - 5);
      assertThat(inner.replace("&amp;", "")).isEmpty();
    }
    assertThat(TelegramHtml.shorten("short", 10)).isEqualTo("short");
  }

  @Test
  void anOverlongLineIsShortenedToFitOneMessage() {
    String line = "<i>" + "é".repeat(5000) + "</i>";
    List<String> messages = TelegramHtml.split(List.of("<b>title</b>", line), TelegramHtml.MESSAGE_LIMIT);
    assertThat(messages).hasSize(2);
    assertThat(messages.get(1)).hasSizeLessThanOrEqualTo(TelegramHtml.MESSAGE_LIMIT).startsWith("<i>").endsWith("…</i>");
  }
}
