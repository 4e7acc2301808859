package org.influencebot.core.fake.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  @Test
  void confusionFiguresByHand() {
    // tp=2 fp=1 tn=3 fn=1
    int[] y = {1, 1, 1, 0, 0, 0, 0};
    boolean[] pred = {true, true, false, true, false, false, false};
    double[] p = {0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.0};
    BinaryMetrics m = BinaryMetrics.compute(y, pred, p, p);
    assertThat(m.tp()).isEqualTo(2);
    assertThat(m.fp()).isEqualTo(1);
    assertThat(m.accuracy()).isCloseTo(5 / 7.0, within(1e-12));
    assertThat(m.precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.recall()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.f1()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(m.mcc()).isCloseTo((2 * 3 - 1 * 1) / 12.0, within(1e-12));
    assertThat(m.humanFlagRate()).isCloseTo(0.25, within(1e-12));
    // Brier: (0.01 + 0.04 + 0.49 + 0.36 + 0.04 + 0.01 + 0) / 7
    assertThat(m.brier()).isCloseTo(0.95 / 7, within(1e-12));
    // AUC: of 12 (fake, human) pairs only (0.3 vs 0.6) is misordered.
    assertThat(m.auc()).isCloseTo(11 / 12.0, within(1e-12));
  }

  @Test
  void aucCountsTiesAsHalfAndMccOfDegenerateIsZero() {
    assertThat(BinaryMetrics.auc(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(0.5);
    assertThat(BinaryMetrics.auc(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8})).isEqualTo(0.75);
    assertThat(BinaryMetrics.auc(new int[] {1, 1}, new double[] {0.1, 0.2})).isNaN();
    assertThat(BinaryMetrics.mcc(5, 0, 0, 5)).isZero();
    assertThat(BinaryMetrics.mcc(5, 0, 5, 0)).isEqualTo(1.0);
    assertThat(BinaryMetrics.mcc(0, 5, 0, 5)).isEqualTo(-1.0);
  }
}
