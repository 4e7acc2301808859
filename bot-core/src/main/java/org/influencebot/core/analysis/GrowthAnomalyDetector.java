package org.influencebot.core.analysis;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.influencebot.core.account.FollowerPoint;

/**
 * Finds days whose follower gain a robust baseline cannot explain: each day's gain is compared with
 * the median and MAD of the previous {@value #WINDOW} days' gains. Anomalous days are replaced by the
 * median before later baselines are computed, so one spike does not hide the next.
 */
public final class GrowthAnomalyDetector {
  /** Days in the baseline window. */
  public static final int WINDOW = 28;
  /** Fewest earlier gains a baseline needs. */
  public static final int MIN_BASELINE = 7;
  /** Robust z-score from which a gain is unexplained. */
  public static final double MIN_STRENGTH = 8.0;
  /** Smallest excess that counts, in followers and as a share of the audience. */
  public static final long MIN_EXCESS = 50;
  public static final double MIN_EXCESS_SHARE = 0.01;

  private GrowthAnomalyDetector() {}

  /** Needs points sorted by date, oldest first (the spec's order); out-of-order points are sorted. */
  public static List<GrowthAnomaly> detect(List<FollowerPoint> history) {
    List<FollowerPoint> points = new ArrayList<>(history);
    points.sort((a, b) -> a.at().compareTo(b.at()));
    List<GrowthAnomaly> anomalies = new ArrayList<>();
    int n = points.size();
    if (n < MIN_BASELINE + 2) {
      return anomalies;
    }
    double[] gains = new double[n - 1];
    for (int i = 1; i < n; i++) {
      long days = Math.max(1, ChronoUnit.DAYS.between(points.get(i - 1).at(), points.get(i).at()));
      gains[i - 1] = (points.get(i).followers() - points.get(i - 1).followers()) / (double) days;
    }
    double[] cleaned = gains.clone();
    for (int i = MIN_BASELINE; i < gains.length; i++) {
      double[] window = Arrays.copyOfRange(cleaned, Math.max(0, i - WINDOW), i);
      double median = median(window);
      double mad = medianAbsoluteDeviation(window, median);
      double scale = Math.max(1.0, Math.max(1.4826 * mad, 0.05 * Math.abs(median)));
      double strength = (gains[i] - median) / scale;
      long before = points.get(i).followers();
      // Against a shrinking baseline only growth counts: a day that merely stops losing followers gained none.
      double excess = gains[i] - Math.max(0, median);
      if (strength >= MIN_STRENGTH && excess >= Math.max(MIN_EXCESS, MIN_EXCESS_SHARE * before)) {
        long gain = points.get(i + 1).followers() - points.get(i).followers();
        anomalies.add(new GrowthAnomaly(points.get(i + 1).at(), gain, median, strength, isRoundPack(excess)));
        cleaned[i] = median;
      }
    }
    return anomalies;
  }

  /** Bought packs come in round sizes: 1000, 2500, 5000… */
  static boolean isRoundPack(double excess) {
    if (excess < 900) {
      return false;
    }
    double nearest = Math.round(excess / 500.0) * 500.0;
    return Math.abs(excess - nearest) <= 0.03 * excess;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }

  static double medianAbsoluteDeviation(double[] values, double median) {
    double[] dev = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      dev[i] = Math.abs(values[i] - median);
    }
    return median(dev);
  }
}
