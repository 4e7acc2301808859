package org.influencebot.core.members;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How tightly accounts were created together: for a creation day, the members created within a day of it (per
 * day) over the usual for the two surrounding months (days 2 to 31 before and after, within the span of the
 * members' creation dates; the median day, never below the community's average day over that span). A batch of accounts registered
 * within days stands far above its months; new people who made an account some weeks before joining a
 * featured server raise the surrounding months as much as the day, so they do not.
 */
final class ClusterTimes {
  static final int NEAR = 31;
  private final Map<Long, Integer> perDay;
  private final double averageDay;
  private final Map<Long, Double> cache = new HashMap<>();

  private final long first;
  private final long last;

  private ClusterTimes(Map<Long, Integer> perDay, double averageDay, long first, long last) {
    this.perDay = perDay;
    this.averageDay = averageDay;
    this.first = first;
    this.last = last;
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
    return new ClusterTimes(perDay, n == 0 ? 1 : (double) n / (last - first + 1), first, last);
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
    // Only days within the span of creation dates: the days after the newest account (the future, for the
    // newest members) would count as empty and make every recent day look crowded.
    double[] around = new double[2 * (NEAR - 1)];
    int k = 0;
    for (int i = 2; i <= NEAR; i++) {
      if (d - i >= first) {
        around[k++] = count(d - i);
      }
      if (d + i <= last) {
        around[k++] = count(d + i);
      }
    }
    double usual = averageDay;
    if (k > 0) {
      Arrays.sort(around, 0, k);
      usual = Math.max(averageDay, k % 2 == 1 ? around[k / 2] : (around[k / 2 - 1] + around[k / 2]) / 2);
    }
    return near / usual;
  }

  private int count(long d) {
    return perDay.getOrDefault(d, 0);
  }
}
