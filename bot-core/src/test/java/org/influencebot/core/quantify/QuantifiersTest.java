package org.influencebot.core.quantify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The quantification methods on bins whose class distributions are known exactly. */
class QuantifiersTest {
  // Humans mostly low, fakes mostly high, overlapping in the middle.
  private static final double[] H = {0.50, 0.25, 0.12, 0.08, 0.05};
  private static final double[] F = {0.02, 0.08, 0.15, 0.25, 0.50};

  /** 10,000 accounts spread exactly as a mixture with this fake share. */
  private static double[] mixture(double share) {
    double[] s = new double[H.length];
    for (int b = 0; b < s.length; b++) {
      s[b] = 10_000 * ((1 - share) * H[b] + share * F[b]);
    }
    return s;
  }

  @Test
  void adjustedCountInvertsAKnownTruePositiveAndFalsePositiveRate() {
    // Flagging the top two bins: tpr = 0.75, fpr = 0.13, so 30% fakes flag 0.3*0.75 + 0.7*0.13 = 0.316.
    double[] s = mixture(0.3);
    double flagged = (s[3] + s[4]) / 10_000;
    assertThat(flagged).isCloseTo(0.316, within(1e-9));
    assertThat(Quantifiers.adjustedCount(s, H, F, b -> b >= 3)).isCloseTo(0.3, within(1e-9));
    // Classify-and-count alone would have said 31.6%; at 0% fakes it says 13%, ACC says 0.
    assertThat(Quantifiers.adjustedCount(mixture(0), H, F, b -> b >= 3)).isCloseTo(0, within(1e-9));
  }

  @Test
  void probabilisticAdjustedCountInvertsTheClassMeans() {
    assertThat(Quantifiers.probabilisticAdjustedCount(0.6 * 0.1 + 0.4 * 0.8, 0.1, 0.8)).isCloseTo(0.4, within(1e-12));
    // Outside the two means the share is clipped, never negative or above 1.
    assertThat(Quantifiers.probabilisticAdjustedCount(0.05, 0.1, 0.8)).isZero();
    assertThat(Quantifiers.probabilisticAdjustedCount(0.9, 0.1, 0.8)).isEqualTo(1);
  }

  @Test
  void emConvergesToTheMaximumLikelihoodShare() {
    for (double share : new double[] {0.05, 0.2, 0.5, 0.9}) {
      double[] s = mixture(share);
      double ml = Quantifiers.maximumLikelihood(s, H, F);
      double[] em = Quantifiers.expectationMaximization(s, H, F, 1e-10, 100_000);
      assertThat(ml).isCloseTo(share, within(1e-9));
      assertThat(em[0]).isCloseTo(ml, within(1e-6));
      assertThat(em[1]).isLessThan(100_000);
      // The likelihood is highest at the estimate.
      double at = Quantifiers.logLikelihood(s, H, F, ml);
      assertThat(at).isGreaterThan(Quantifiers.logLikelihood(s, H, F, share + 0.01))
          .isGreaterThan(Quantifiers.logLikelihood(s, H, F, share - 0.01));
    }
  }

  @Test
  void maximumLikelihoodStopsAtTheBoundaries() {
    // Cleaner than the humans: the share is 0, not a small positive number EM creeps toward.
    assertThat(Quantifiers.maximumLikelihood(new double[] {100, 0, 0, 0, 0}, H, F)).isZero();
    assertThat(Quantifiers.maximumLikelihood(new double[] {0, 0, 0, 0, 100}, H, F)).isEqualTo(1);
  }

  @Test
  void hellingerDistanceRecoversTheShare() {
    for (double share : new double[] {0, 0.05, 0.2, 0.5, 0.9, 1}) {
      assertThat(Quantifiers.hellingerDistance(mixture(share), H, F)).isCloseTo(share, within(1e-3));
    }
  }
}
