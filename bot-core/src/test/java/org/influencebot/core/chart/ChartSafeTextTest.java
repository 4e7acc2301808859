package org.influencebot.core.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import org.junit.jupiter.api.Test;

class ChartSafeTextTest {
  private static final Font FONT = ChartStyle.TITLE;

  @Test
  void plainShortTextIsKeptAsIs() {
    assertThat(SafeText.clean("Camille (illustration)", FONT, 40)).isEqualTo("Camille (illustration)");
  }

  @Test
  void longTextIsCutWithAnEllipsisWithinTheLimit() {
    String cut = SafeText.clean("a".repeat(500), FONT, 40);
    assertThat(cut).hasSize(40).endsWith(SafeText.ELLIPSIS).startsWith("a".repeat(39));
  }

  @Test
  void textOfExactlyTheLimitIsNotCut() {
    assertThat(SafeText.clean("b".repeat(40), FONT, 40)).isEqualTo("b".repeat(40));
  }

  @Test
  void bidiControlsAndZeroWidthCharactersAreDropped() {
    String hostile = "\u202Eevil\u202C\u200F name\u200D\u2066x\u2069\uFEFF";
    assertThat(SafeText.clean(hostile, FONT, 40)).isEqualTo("evil namex");
  }

  @Test
  void rightToLeftLettersAreKept() {
    assertThat(SafeText.clean("\u200Fשלום عالم", FONT, 40)).isEqualTo("שלום عالم");
  }

  @Test
  void controlCharactersAndRunsOfSpacesBecomeOneSpace() {
    assertThat(SafeText.clean("  a\n\tb \u0000  c  ", FONT, 40)).isEqualTo("a b c");
  }

  @Test
  void surrogatePairsAreNeverSplit() {
    // Mathematical bold letters are outside the BMP; whether the font draws them or not, no lone surrogate may remain.
    String cut = SafeText.clean("\uD835\uDC00".repeat(100) + "\uD83D\uDE00".repeat(200), FONT, 10);
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertThat(i + 1).isLessThan(cut.length());
        assertThat(Character.isLowSurrogate(cut.charAt(i + 1))).isTrue();
        i++;
      } else {
        assertThat(Character.isSurrogate(c)).as("lone surrogate at %d in %s", i, cut).isFalse();
      }
    }
    assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(10);
  }

  @Test
  void whatTheFontCannotDrawIsDropped() {
    int emoji = 0x1F600;
    String text = "ok" + Character.toString(emoji).repeat(200);
    String cleaned = SafeText.clean(text, FONT, 40);
    if (FONT.canDisplay(emoji)) {
      assertThat(cleaned.codePointCount(0, cleaned.length())).isEqualTo(40);
      assertThat(cleaned).startsWith("ok").endsWith(SafeText.ELLIPSIS);
    } else {
      assertThat(cleaned).isEqualTo("ok");
    }
  }

  @Test
  void stackedCombiningMarksAreCapped() {
    String zalgo = "Z" + "\u0301".repeat(50) + "a";
    assertThat(SafeText.clean(zalgo, FONT, 40)).isEqualTo("Z\u0301\u0301a");
  }

  @Test
  void nothingDrawableGivesEmpty() {
    assertThat(SafeText.clean("\u200F\u200E\u202E", FONT, 40)).isEmpty();
    assertThat(SafeText.clean("", FONT, 40)).isEmpty();
    assertThat(SafeText.clean(null, FONT, 40)).isEmpty();
  }

  @Test
  void fitCutsWideTextToTheWidthButLeavesNarrowTextAlone() {
    String wide = "W".repeat(40);
    String fitted = SafeText.fit(wide, FONT, 40, 300);
    assertThat(SafeText.width(fitted, FONT)).isLessThanOrEqualTo(300);
    assertThat(fitted).startsWith("WW").endsWith(SafeText.ELLIPSIS);
    assertThat(SafeText.fit("alice", FONT, 40, 300)).isEqualTo("alice");
  }
}
