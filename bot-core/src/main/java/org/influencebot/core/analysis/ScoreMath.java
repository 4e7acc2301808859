package org.influencebot.core.analysis;

/** The roundings shared by the signals and components of a {@link Summary}. */
final class ScoreMath {
  private ScoreMath() {}

  static double log2(double x) {
    return Math.log(Math.max(x, 1e-9)) / Math.log(2);
  }

  static int clamp(long v) {
    return (int) Math.max(0, Math.min(100, v));
  }

  /** A share as a whole percentage for MessageFormat: 0.234 → 23. */
  static long pct(double share) {
    return Math.round(100 * share);
  }

  /** A rate in percent with two decimals: 0.01234 → 1.23. */
  static double pct2(double rate) {
    return Math.round(rate * 10_000) / 100.0;
  }

  static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
