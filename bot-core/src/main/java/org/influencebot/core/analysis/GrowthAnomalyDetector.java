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
    // The baseline window slides one day at a time: keeping it sorted costs one removal and one
    // insertion a day, instead of copying and sorting it twice (docs/performance.md).
    SortedWindow window = new SortedWindow(WINDOW);
    for (int j = 0; j < MIN_BASELINE; j++) {
      window.add(cleaned[j]);
    }
    for (int i = MIN_BASELINE; i < gains.length; i++) {
      double median = window.median();
      double mad = window.medianAbsoluteDeviation(median);
      double scale = Math.max(1.0, Math.max(1.4826 * mad, 0.05 * Math.abs(median)));
      double strength = (gains[i] - median) / scale;
      long before = points.get(i).followers();
      // Against a shrinking baseline only growth counts: a day that merely stops losing followers gained none.
      double excess = gains[i] - Math.max(0, median);
      if (strength >= MIN_STRENGTH && excess >= Math.max(MIN_EXCESS, MIN_EXCESS_SHARE * before)) {
        long gain = points.get(i + 1).followers() - points.get(i).followers();
        long days = Math.max(1, ChronoUnit.DAYS.between(points.get(i).at(), points.get(i + 1).at()));
        // The gap was spread for detection; its excess is the whole gain less the baseline of every day.
        boolean round = isRoundPack(GrowthAnomaly.excess(gain, days, median));
        anomalies.add(new GrowthAnomaly(points.get(i + 1).at(), days, gain, median, strength, round));
        cleaned[i] = median;
      }
      if (window.size() == WINDOW) {
        window.remove(cleaned[i - WINDOW]);
      }
      window.add(cleaned[i]);
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

  /** The last days' gains, kept sorted, with their median and median absolute deviation. */
  static final class SortedWindow {
    private final double[] values;
    private int size;

    SortedWindow(int capacity) {
      values = new double[capacity];
    }

    int size() {
      return size;
    }

    void add(double v) {
      int j = size - 1;
      while (j >= 0 && Double.compare(values[j], v) > 0) {
        values[j + 1] = values[j];
        j--;
      }
      values[j + 1] = v;
      size++;
    }

    void remove(double v) {
      int j = 0;
      while (Double.compare(values[j], v) != 0) {
        j++;
      }
      System.arraycopy(values, j + 1, values, j, size - j - 1);
      size--;
    }

    double median() {
      int m = size / 2;
      return size % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2.0;
    }

    /** The middle deviation, found by merging the two runs that are already sorted: below and above the median. */
    double medianAbsoluteDeviation(double median) {
      int right = 0;
      while (right < size && values[right] < median) {
        right++;
      }
      int left = right - 1;
      int m = size / 2;
      double previous = 0;
      double current = 0;
      for (int k = 0; k <= m; k++) {
        double d;
        if (left >= 0 && (right >= size || median - values[left] <= values[right] - median)) {
          d = median - values[left--];
        } else {
          d = values[right++] - median;
        }
        previous = current;
        current = d;
      }
      return size % 2 == 1 ? current : (previous + current) / 2.0;
    }
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
