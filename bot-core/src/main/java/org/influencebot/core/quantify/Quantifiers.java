package org.influencebot.core.quantify;

/**
 * Quantification on binned fake scores: the share of fakes in a sample from how its scores are spread,
 * given how each class's scores are spread on data the model did not see (its measured error rates).
 * Every method takes the sample's bin counts {@code s}, the human and fake score distributions
 * {@code h} and {@code f} (bin probabilities summing to 1) and, where it needs them, the classes' mean
 * scores, and returns a share clipped to 0..1.
 *
 * <ul>
 *   <li>{@link #adjustedCount}: adjusted classify-and-count (Forman 2008): (flagged share - fpr) / (tpr - fpr);
 *   <li>{@link #probabilisticAdjustedCount}: the same with mean probabilities (Bella et al. 2010);
 *   <li>{@link #maximumLikelihood}: the maximum-likelihood weight of the mixture {@code (1-π) h + π f}, the
 *       fixed point of EM re-estimation of the prior (Saerens, Latinne and Decaestecker 2002) on bins;
 *   <li>{@link #hellingerDistance}: HDy (González-Castro, Alaiz-Rodríguez and Alegre 2013), the weight
 *       whose mixture is nearest the sample in Hellinger distance.
 * </ul>
 */
public final class Quantifiers {
  private Quantifiers() {}

  /** ACC with the rule "the bin is {@code flags}ged": (flagged share - fpr) / (tpr - fpr). */
  public static double adjustedCount(double[] s, double[] h, double[] f, java.util.function.IntPredicate flags) {
    double n = sum(s);
    double flagged = 0;
    double tpr = 0;
    double fpr = 0;
    for (int b = 0; b < s.length; b++) {
      if (flags.test(b)) {
        flagged += s[b];
        tpr += f[b];
        fpr += h[b];
      }
    }
    return adjust(flagged / n, fpr, tpr);
  }

  /** PACC: (mean score - mean human score) / (mean fake score - mean human score). */
  public static double probabilisticAdjustedCount(double meanScore, double humanMean, double fakeMean) {
    return adjust(meanScore, humanMean, fakeMean);
  }

  private static double adjust(double observed, double humanRate, double fakeRate) {
    double d = fakeRate - humanRate;
    if (!(d > 1e-9)) {
      return clip(observed);
    }
    return clip((observed - humanRate) / d);
  }

  /**
   * The maximum-likelihood share: the root of the score equation {@code sum_b s_b (f_b - h_b) / m_b(π) = 0},
   * {@code m_b(π) = (1-π) h_b + π f_b}, found by bisection (the log-likelihood is concave, so its slope
   * falls with π). This is the fixed point that Saerens et al.'s EM ({@link #expectationMaximization})
   * converges to, within 1e-9 in 30 steps rather than hundreds of EM steps when the classes overlap.
   */
  public static double maximumLikelihood(double[] s, double[] h, double[] f) {
    if (slope(s, h, f, 0) <= 0) {
      return 0;
    }
    if (slope(s, h, f, 1) >= 0) {
      return 1;
    }
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 30; i++) {
      double mid = (lo + hi) / 2;
      if (slope(s, h, f, mid) > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The log-likelihood of the sample's bins under the mixture {@code (1-π) h + π f}. */
  public static double logLikelihood(double[] s, double[] h, double[] f, double pi) {
    double l = 0;
    for (int b = 0; b < s.length; b++) {
      if (s[b] > 0) {
        l += s[b] * Math.log((1 - pi) * h[b] + pi * f[b]);
      }
    }
    return l;
  }

  private static double slope(double[] s, double[] h, double[] f, double pi) {
    double g = 0;
    for (int b = 0; b < s.length; b++) {
      if (s[b] > 0) {
        double m = (1 - pi) * h[b] + pi * f[b];
        if (m <= 0) {
          return pi == 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        g += s[b] * (f[b] - h[b]) / m;
      }
    }
    return g;
  }

  /**
   * Saerens, Latinne and Decaestecker's EM on bins: each step gives every bin's accounts the posterior of
   * being fake under the current share, and takes their mean as the next share; stops when a step moves
   * less than {@code tolerance} or after {@code maxSteps}. Returns {share, steps}.
   */
  public static double[] expectationMaximization(double[] s, double[] h, double[] f, double tolerance, int maxSteps) {
    double n = sum(s);
    double pi = 0.5;
    for (int it = 1; it <= maxSteps; it++) {
      double next = 0;
      for (int b = 0; b < s.length; b++) {
        double a = pi * f[b];
        double m = a + (1 - pi) * h[b];
        if (s[b] > 0 && m > 0) {
          next += s[b] * a / m;
        }
      }
      next /= n;
      if (Math.abs(next - pi) < tolerance) {
        return new double[] {next, it};
      }
      pi = next;
    }
    return new double[] {pi, maxSteps};
  }

  /** HDy: the share, on a grid of 0.001, whose mixture has the least Hellinger distance to the sample. */
  public static double hellingerDistance(double[] s, double[] h, double[] f) {
    double n = sum(s);
    double[] rs = new double[s.length];
    for (int b = 0; b < s.length; b++) {
      rs[b] = Math.sqrt(s[b] / n);
    }
    // The affinity sum sqrt(s_b m_b) is concave in the share: golden-section search for its maximum.
    double lo = 0;
    double hi = 1;
    final double g = (Math.sqrt(5) - 1) / 2;
    double x1 = hi - g * (hi - lo);
    double x2 = lo + g * (hi - lo);
    double a1 = affinity(rs, h, f, x1);
    double a2 = affinity(rs, h, f, x2);
    while (hi - lo > 1e-4) {
      if (a1 < a2) {
        lo = x1;
        x1 = x2;
        a1 = a2;
        x2 = lo + g * (hi - lo);
        a2 = affinity(rs, h, f, x2);
      } else {
        hi = x2;
        x2 = x1;
        a2 = a1;
        x1 = hi - g * (hi - lo);
        a1 = affinity(rs, h, f, x1);
      }
    }
    double best = (lo + hi) / 2;
    // The ends are candidates too (the maximum may lie on the boundary).
    double a0 = affinity(rs, h, f, 0);
    double aOne = affinity(rs, h, f, 1);
    double ab = affinity(rs, h, f, best);
    if (a0 >= ab && a0 >= aOne) {
      return 0;
    }
    if (aOne > ab) {
      return 1;
    }
    return best;
  }

  private static double affinity(double[] rs, double[] h, double[] f, double pi) {
    double a = 0;
    for (int b = 0; b < rs.length; b++) {
      a += rs[b] * Math.sqrt((1 - pi) * h[b] + pi * f[b]);
    }
    return a;
  }

  static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  static double clip(double v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}
