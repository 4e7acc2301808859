package org.influencebot.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How much score history is kept per handle: at most {@code maxPointsPerHandle} points, none older
 * than {@code maxAge}. Applied to a handle each time a point of it is recorded.
 */
public record RetentionPolicy(int maxPointsPerHandle, Duration maxAge) {
  public RetentionPolicy {
    if (maxPointsPerHandle < 1) {
      throw new IllegalArgumentException("maxPointsPerHandle must be at least 1, was " + maxPointsPerHandle);
    }
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive, was " + maxAge);
    }
  }

  /** A year and a bit of daily points: enough for "+4 in 30 days" and a yearly chart. */
  public static RetentionPolicy standard() {
    return new RetentionPolicy(1000, Duration.ofDays(400));
  }
}
