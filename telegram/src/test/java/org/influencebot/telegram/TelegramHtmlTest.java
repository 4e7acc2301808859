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

  @org.junit.jupiter.api.Test
  void aCaptionKeepsWholeLinesTheHeadAndTheFooterWithinTheLimit() {
    java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("<b>@alice · Alice</b>", "Influence 50/100",
        "Followers: 10", "", "<b>Signals</b>"));
    for (int i = 0; i < 40; i++) {
      lines.add("• Signal " + i + " <b>" + i + "</b> — " + "x".repeat(40));
    }
    lines.add("");
    lines.add("<b>Components</b>");
    lines.add("");
    lines.add("<i>Computed just now.</i>");
    String caption = TelegramHtml.fit(lines, TelegramHtml.CAPTION_LIMIT, org.influencebot.core.text.Messages.english());
    org.assertj.core.api.Assertions.assertThat(caption).hasSizeLessThanOrEqualTo(1024)
        .startsWith("<b>@alice · Alice</b>\nInfluence 50/100\nFollowers: 10\n\n<b>Signals</b>\n• Signal 0 ")
        .endsWith("<i>(shortened to fit in one message)</i>\n\n<i>Computed just now.</i>")
        .doesNotContain("<b>Components</b>");
    org.assertj.core.api.Assertions.assertThat(caption.lines().filter(l -> l.startsWith("• Signal")))
        .allMatch(l -> l.endsWith("x".repeat(40)));
  }
}
