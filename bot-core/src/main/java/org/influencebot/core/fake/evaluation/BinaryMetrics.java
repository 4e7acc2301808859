package org.influencebot.core.fake.evaluation;

import java.util.Arrays;

/**
 * Detection figures with "fake" as the positive class.
 *
 * @param humanFlagRate the share of humans predicted fake (false positive rate)
 * @param auc ROC AUC of the score (ties count one half)
 * @param brier mean squared error of the probability against the 0/1 label
 */
public record BinaryMetrics(int n, int tp, int fp, int tn, int fn, double accuracy, double precision, double recall,
    double f1, double mcc, double auc, double brier, double humanFlagRate) {

  /**
   * @param labels 1 = fake, 0 = human
   * @param predicted whether each account was called fake
   * @param score ranks accounts for the AUC (higher = more likely fake)
   * @param probability the stated P(fake) for the Brier score (for a hard rule, 0 or 1)
   */
  public static BinaryMetrics compute(int[] labels, boolean[] predicted, double[] score, double[] probability) {
    int n = labels.length;
    if (predicted.length != n || score.length != n || probability.length != n) {
      throw new IllegalArgumentException("arrays of different lengths");
    }
    int tp = 0, fp = 0, tn = 0, fn = 0;
    double brier = 0;
    for (int i = 0; i < n; i++) {
      if (predicted[i]) {
        if (labels[i] == 1) {
          tp++;
        } else {
          fp++;
        }
      } else if (labels[i] == 1) {
        fn++;
      } else {
        tn++;
      }
      double e = probability[i] - labels[i];
      brier += e * e;
    }
    double accuracy = n == 0 ? Double.NaN : (tp + tn) / (double) n;
    double precision = tp + fp == 0 ? Double.NaN : tp / (double) (tp + fp);
    double recall = tp + fn == 0 ? Double.NaN : tp / (double) (tp + fn);
    double f1 = 2.0 * tp + fp + fn == 0 ? Double.NaN : 2.0 * tp / (2.0 * tp + fp + fn);
    return new BinaryMetrics(n, tp, fp, tn, fn, accuracy, precision, recall, f1, mcc(tp, fp, tn, fn),
        auc(labels, score), n == 0 ? Double.NaN : brier / n, tn + fp == 0 ? Double.NaN : fp / (double) (tn + fp));
  }

  /** Matthews correlation coefficient; 0 when a row or column of the confusion matrix is empty. */
  public static double mcc(long tp, long fp, long tn, long fn) {
    double den = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
    return den == 0 ? 0 : (tp * (double) tn - fp * (double) fn) / den;
  }

  /** ROC AUC by the Mann-Whitney statistic with average ranks for ties; NaN without both classes. */
  public static double auc(int[] labels, double[] score) {
    int n = labels.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && Double.compare(score[order[j + 1]], score[order[i]]) == 0) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / (pos * (double) neg);
  }
}
