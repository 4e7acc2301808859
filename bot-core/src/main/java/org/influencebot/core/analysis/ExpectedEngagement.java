package org.influencebot.core.analysis;

/**
 * The engagement rate usual for an audience of a given size: rates fall as audiences grow, so an
 * account is compared with accounts of its own size, never with one global average.
 * {@code expected(f) = 6% × (max(f, 100) / 1000)^-0.3}: 9.1% at 250 followers, 6% at 1,000, 3% at
 * 10,000, 1.5% at 100,000, 0.75% at 1,000,000.
 */
public final class ExpectedEngagement {
  public static final double RATE_AT_1000 = 0.06;
  public static final double EXPONENT = -0.3;

  private ExpectedEngagement() {}

  public static double rate(long followers) {
    return RATE_AT_1000 * Math.pow(Math.max(100, followers) / 1000.0, EXPONENT);
  }
}
