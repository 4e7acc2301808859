package org.influencebot.core.analysis;

/** The Wilson score interval for a proportion: well behaved at 0% and 100%, unlike the normal approximation. */
public final class Wilson {
  public static final double Z95 = 1.959963984540054;

  private Wilson() {}

  /** {low, high} for {@code successes} out of {@code n} at confidence {@code z}. */
  public static double[] interval(int successes, int n, double z) {
    if (n <= 0) {
      return new double[] {0, 1};
    }
    double p = (double) successes / n;
    double z2 = z * z;
    double denom = 1 + z2 / n;
    double centre = (p + z2 / (2.0 * n)) / denom;
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
