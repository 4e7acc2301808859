package org.influencebot.core.analysis;

import java.time.LocalDate;

/**
 * A day whose follower gain the robust baseline cannot explain.
 *
 * @param date the day the gain was seen (the last day of a gap between two points)
 * @param days the days the gain covers: 1, or the length of a gap between two points
 * @param gain followers gained over those days
 * @param baseline the median daily gain of the days before
 * @param strength the robust z-score: (gain − median) / (1.4826 × MAD)
 * @param roundPack whether the excess is close to a round pack size (a multiple of 1000)
 */
public record GrowthAnomaly(LocalDate date, long days, long gain, double baseline, double strength, boolean roundPack) {
  public GrowthAnomaly {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
  }

  /** A gap's gain less the usual growth of every day it covers (a shrinking baseline counts as none). */
  public long excess() {
    return excess(gain, days, baseline);
  }

  static long excess(long gain, long days, double baseline) {
    return Math.max(0, Math.round(gain - days * Math.max(0, baseline)));
  }
}
