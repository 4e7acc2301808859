package org.influencebot.core.analysis;

import java.time.LocalDate;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import org.influencebot.core.account.FollowerPoint;

/**
 * A follower history as two primitive arrays: a cached summary keeps 365 points in 4.4 KB instead of
 * 19 KB of point and date objects (docs/performance.md). Points are made again when read.
 */
final class CompactHistory extends AbstractList<FollowerPoint> implements RandomAccess {
  private final long[] epochDays;
  private final long[] followers;

  private CompactHistory(List<FollowerPoint> points) {
    epochDays = new long[points.size()];
    followers = new long[points.size()];
    for (int i = 0; i < epochDays.length; i++) {
      epochDays[i] = points.get(i).at().toEpochDay();
      followers[i] = points.get(i).followers();
    }
  }

  static List<FollowerPoint> of(List<FollowerPoint> points) {
    if (points instanceof CompactHistory compact) {
      return compact;
    }
    return points.isEmpty() ? List.of() : new CompactHistory(points);
  }

  @Override
  public FollowerPoint get(int index) {
    return new FollowerPoint(LocalDate.ofEpochDay(epochDays[index]), followers[index]);
  }

  @Override
  public int size() {
    return epochDays.length;
  }
}
