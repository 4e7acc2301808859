package org.influencebot.bench;

import static org.influencebot.core.analysis.GrowthAnomalyDetector.MIN_BASELINE;
import static org.influencebot.core.analysis.GrowthAnomalyDetector.MIN_EXCESS;
import static org.influencebot.core.analysis.GrowthAnomalyDetector.MIN_EXCESS_SHARE;
import static org.influencebot.core.analysis.GrowthAnomalyDetector.MIN_STRENGTH;
import static org.influencebot.core.analysis.GrowthAnomalyDetector.WINDOW;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.GrowthAnomaly;

/**
 * A prototype, for measurement only, of {@code GrowthAnomalyDetector.detect} with the same rules and
 * the same results but without its per-day allocations and sorts: the baseline window is kept sorted
 * as it slides (one removal, one insertion per day), the median is read from it, and the MAD is the
 * middle of the deviations, found by merging the two already-sorted halves (below and above the median).
 * {@link AnalyzePartsBenchmark} checks that it finds exactly what the core detector finds.
 */
final class GrowthDetectorPrototype {
  private GrowthDetectorPrototype() {}

  static List<GrowthAnomaly> detect(List<FollowerPoint> history) {
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
    double[] sorted = new double[WINDOW];
    int size = 0;
    for (int j = 0; j < MIN_BASELINE; j++) {
      size = insert(sorted, size, cleaned[j]);
    }
    for (int i = MIN_BASELINE; i < gains.length; i++) {
      // sorted holds cleaned[max(0, i - WINDOW) .. i), as the core's window does.
      double median = middle(sorted, size);
      double mad = mad(sorted, size, median);
      double scale = Math.max(1.0, Math.max(1.4826 * mad, 0.05 * Math.abs(median)));
      double strength = (gains[i] - median) / scale;
      long before = points.get(i).followers();
      double excess = gains[i] - median;
      if (strength >= MIN_STRENGTH && excess >= Math.max(MIN_EXCESS, MIN_EXCESS_SHARE * before)) {
        long gain = points.get(i + 1).followers() - points.get(i).followers();
        anomalies.add(new GrowthAnomaly(points.get(i + 1).at(), gain, median, strength, isRoundPack(excess)));
        cleaned[i] = median;
      }
      if (size == WINDOW) {
        size = remove(sorted, size, cleaned[i - WINDOW]);
      }
      size = insert(sorted, size, cleaned[i]);
    }
    return anomalies;
  }

  private static int insert(double[] s, int size, double v) {
    int j = size - 1;
    while (j >= 0 && Double.compare(s[j], v) > 0) {
      s[j + 1] = s[j];
      j--;
    }
    s[j + 1] = v;
    return size + 1;
  }

  private static int remove(double[] s, int size, double v) {
    int j = 0;
    while (Double.compare(s[j], v) != 0) {
      j++;
    }
    System.arraycopy(s, j + 1, s, j, size - j - 1);
    return size - 1;
  }

  private static double middle(double[] s, int size) {
    int m = size / 2;
    return size % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
  }

  /** Median of |s[j] − median| over the sorted window, by merging the two sorted runs of deviations. */
  private static double mad(double[] s, int size, double median) {
    int p = 0;
    while (p < size && s[p] < median) {
      p++;
    }
    int left = p - 1; // deviations median − s[left], ascending as left decreases
    int right = p;    // deviations s[right] − median, ascending as right increases
    int m = size / 2;
    double previous = 0;
    double current = 0;
    for (int k = 0; k <= m; k++) {
      double d;
      if (left >= 0 && (right >= size || Math.abs(s[left] - median) <= Math.abs(s[right] - median))) {
        d = Math.abs(s[left--] - median);
      } else {
        d = Math.abs(s[right++] - median);
      }
      previous = current;
      current = d;
    }
    return size % 2 == 1 ? current : (previous + current) / 2.0;
  }

  private static boolean isRoundPack(double excess) {
    if (excess < 900) {
      return false;
    }
    double nearest = Math.round(excess / 500.0) * 500.0;
    return Math.abs(excess - nearest) <= 0.03 * excess;
  }
}
