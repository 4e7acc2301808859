package org.influencebot.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClipTest {
  @Test
  void textWithinTheLimitIsLeftAlone() {
    assertThat(Clip.clip("abc", 3)).isEqualTo("abc");
    assertThat(Clip.clip(null, 3)).isEmpty();
  }

  @Test
  void longerTextIsCutToTheLimitWithTheEllipsisIncluded() {
    assertThat(Clip.clip("a".repeat(300), 200)).hasSize(200).endsWith("…");
  }

  @Test
  void anEmojiIsNeverCutInHalf() {
    String clipped = Clip.clip("ab😀cd", 4);
    assertThat(clipped).isEqualTo("ab…");
    assertThat(clipped.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
  }

  @Test
  void theFirstLineAloneIsQuoted() {
    assertThat(Clip.firstLine("first\nsecond", 100)).isEqualTo("first");
  }
}
