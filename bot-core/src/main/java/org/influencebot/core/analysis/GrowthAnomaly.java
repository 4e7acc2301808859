package org.influencebot.core.analysis;

import java.time.LocalDate;

/**
 * A day whose follower gain the robust baseline cannot explain.
 *
 * @param gain followers gained that day
 * @param baseline the median daily gain of the days before
 * @param strength the robust z-score: (gain − median) / (1.4826 × MAD)
 * @param roundPack whether the excess is close to a round pack size (a multiple of 1000)
 */
public record GrowthAnomaly(LocalDate date, long gain, double baseline, double strength, boolean roundPack) {
  public long excess() {
    return Math.max(0, Math.round(gain - baseline));
  }
}
