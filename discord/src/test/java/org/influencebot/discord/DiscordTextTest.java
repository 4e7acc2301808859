package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordTextTest {
  @Test
  void mentionsOfEveryKindAreBrokenByAZeroWidthJoiner() {
    String safe = DiscordText.safe("@everyone @here <@123> <@!123> <@&456> @every@everyoneone");
    assertThat(safe).doesNotContain("@everyone", "@here", "@&", "@!").doesNotContainPattern("<@[0-9]");
    assertThat(safe).contains("@\u200Deveryone", "@\u200Dhere");
  }

  @Test
  void markdownIsEscapedSoANameCannotRestyleTheReply() {
    assertThat(DiscordText.safe("*a* _b_ ~~c~~ `d` ||e|| [f](g) \\")).isEqualTo("\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\`d\\` \\|\\|e\\|\\| \\[f\\](g) \\\\");
    assertThat(DiscordText.safe("# title\n- item\n> quote")).isEqualTo("\\# title\n\\- item\n\\> quote");
    assertThat(DiscordText.safe("mid-size #1")).isEqualTo("mid-size #1");
  }

  @Test
  void clipEndsWithAnEllipsisWithinTheLimit() {
    assertThat(DiscordText.clip("abcdef", 6)).isEqualTo("abcdef");
    assertThat(DiscordText.clip("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
  }

  @Test
  void clipNeverSplitsASurrogatePairNorLeavesALoneEscape() {
    String emoji = "ab😀cd";
    String clipped = DiscordText.clip(emoji, 4);
    assertThat(clipped).isEqualTo("ab…");
    assertThat(DiscordText.clip("abc\\*def", 5)).isEqualTo("abc…");
    assertThat(DiscordText.clip("ab\\\\cdef", 5)).isEqualTo("ab\\\\…");
  }
}
