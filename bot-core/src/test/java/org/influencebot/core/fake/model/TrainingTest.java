package org.influencebot.core.fake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainingTest {
  @Test
  void logisticRegressionRecoversAKnownModel() {
    Random r = new Random(1);
    int n = 4000;
    double[][] x = new double[n][2];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextGaussian();
      x[i][1] = r.nextGaussian();
      double p = SubModel.sigmoid(-0.5 + 2 * x[i][0] - 1 * x[i][1]);
      y[i] = r.nextDouble() < p ? 1 : 0;
    }
    double[] beta = LogisticRegression.fit(x, y, 0);
    assertThat(beta[0]).isCloseTo(-0.5, within(0.15));
    assertThat(beta[1]).isCloseTo(2, within(0.2));
    assertThat(beta[2]).isCloseTo(-1, within(0.15));
    double[] shrunk = LogisticRegression.fit(x, y, 1000);
    assertThat(Math.abs(shrunk[1])).isLessThan(Math.abs(beta[1]));
  }

  @Test
  void plattScalingOfWellCalibratedScoresIsNearIdentity() {
    Random r = new Random(2);
    int n = 20000;
    double[] s = new double[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = 3 * r.nextGaussian();
      y[i] = r.nextDouble() < SubModel.sigmoid(s[i]) ? 1 : 0;
    }
    double[] ab = LogisticRegression.platt(s, y);
    assertThat(ab[0]).isCloseTo(1, within(0.08));
    assertThat(ab[1]).isCloseTo(0, within(0.08));
    // Overconfident scores get shrunk.
    double[] doubled = new double[n];
    for (int i = 0; i < n; i++) {
      doubled[i] = 2 * s[i];
    }
    assertThat(LogisticRegression.platt(doubled, y)[0]).isCloseTo(0.5, within(0.05));
  }

  @Test
  void thresholdKeepsAtMostTheAllowedShareOfHumansFlagged() {
    double[] humans = new double[100];
    for (int i = 0; i < 100; i++) {
      humans[i] = i / 100.0; // 0.00 .. 0.99
    }
    double t = ModelTrainer.threshold(humans, 0.02);
    // Two humans (0.98 and 0.99) may reach it, the third (0.97) may not.
    assertThat(t).isEqualTo(0.9701);
    long flagged = java.util.Arrays.stream(humans).filter(p -> p >= t).count();
    assertThat(flagged).isEqualTo(2);
    assertThat(ModelTrainer.threshold(new double[] {0.1, 0.2, 0.3}, 0.02)).isEqualTo(0.5);
  }

  @Test
  void stratifiedFoldsAreSeededAndBalanced() {
    int[] labels = new int[103];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 3 == 0 ? 1 : 0;
    }
    int[] a = Folds.stratified(labels, 10, 7);
    assertThat(Folds.stratified(labels, 10, 7)).isEqualTo(a);
    assertThat(Folds.stratified(labels, 10, 8)).isNotEqualTo(a);
    for (int k = 0; k < 10; k++) {
      int fakes = 0;
      int all = 0;
      for (int i = 0; i < labels.length; i++) {
        if (a[i] == k) {
          all++;
          fakes += labels[i];
        }
      }
      assertThat(all).isBetween(10, 11);
      assertThat(fakes).isBetween(3, 4);
    }
  }
}
