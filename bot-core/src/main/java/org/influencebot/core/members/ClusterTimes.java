package org.influencebot.core.members;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How tightly accounts were created together: for a creation day, the members created within a day of it (per
 * day) over the usual for the two surrounding months (days 2 to 31 before and after; the median day, never
 * below the community's average day over the span of its creation dates). A batch of accounts registered
 * within days stands far above its months; new people who made an account some weeks before joining a
 * featured server raise the surrounding months as much as the day, so they do not.
 */
final class ClusterTimes {
  static final int NEAR = 31;
  private final Map<Long, Integer> perDay;
  private final double averageDay;
  private final Map<Long, Double> cache = new HashMap<>();

  private ClusterTimes(Map<Long, Integer> perDay, double averageDay) {
    this.perDay = perDay;
    this.averageDay = averageDay;
  }

  static ClusterTimes of(List<Member> members) {
    Map<Long, Integer> perDay = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    int n = 0;
    for (Member m : members) {
      if (m.createdAt().isPresent()) {
        long d = day(m.createdAt().get());
        perDay.merge(d, 1, Integer::sum);
        first = Math.min(first, d);
        last = Math.max(last, d);
        n++;
      }
    }
    return new ClusterTimes(perDay, n == 0 ? 1 : (double) n / (last - first + 1));
  }

  private static long day(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400L);
  }

  /** The members created within a day of {@code created}, per day, over the usual day around it. */
  double timesUsual(Instant created) {
    return cache.computeIfAbsent(day(created), this::compute);
  }

  private double compute(long d) {
    double near = (count(d - 1) + count(d) + count(d + 1)) / 3.0;
    double[] around = new double[2 * (NEAR - 1)];
    int k = 0;
    for (int i = 2; i <= NEAR; i++) {
      around[k++] = count(d - i);
      around[k++] = count(d + i);
    }
    Arrays.sort(around);
    double usual = Math.max(averageDay, (around[around.length / 2 - 1] + around[around.length / 2]) / 2);
    return near / usual;
  }

  private int count(long d) {
    return perDay.getOrDefault(d, 0);
  }
}
