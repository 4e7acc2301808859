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
 *   <li>{@link #maximumLikelihood}: EM re-estimation of the prior (Saerens, Latinne and Decaestecker 2002),
 *       here on bins: the maximum-likelihood weight of the mixture {@code (1-π) h + π f};
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
   * The maximum-likelihood share by EM: each step gives every bin's accounts the posterior of being fake
   * under the current share and takes their mean as the next share. Converges monotonically.
   */
  public static double maximumLikelihood(double[] s, double[] h, double[] f) {
    double n = sum(s);
    // The log-likelihood is concave in the share: when it falls from 0 (or rises to 1) the maximum is there.
    double at0 = 0;
    double at1 = 0;
    for (int b = 0; b < s.length; b++) {
      if (s[b] > 0) {
        at0 += h[b] > 0 ? s[b] * (f[b] - h[b]) / h[b] : Double.POSITIVE_INFINITY;
        at1 += f[b] > 0 ? s[b] * (f[b] - h[b]) / f[b] : Double.NEGATIVE_INFINITY;
      }
    }
    if (at0 <= 0) {
      return 0;
    }
    if (at1 >= 0) {
      return 1;
    }
    double pi = 0.5;
    for (int it = 0; it < 500; it++) {
      double next = 0;
      for (int b = 0; b < s.length; b++) {
        if (s[b] == 0) {
          continue;
        }
        double a = pi * f[b];
        double m = a + (1 - pi) * h[b];
        if (m > 0) {
          next += s[b] * a / m;
        }
      }
      next /= n;
      if (Math.abs(next - pi) < 1e-7) {
        return clip(next);
      }
      pi = next;
    }
    return clip(pi);
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

  /**
   * The total-variation distance between the sample's bin shares and the mixture {@code (1-π) h + π f}:
   * the share of the sample that the mixture cannot account for.
   */
  public static double misfit(double[] s, double[] h, double[] f, double pi) {
    double n = sum(s);
    double tv = 0;
    for (int b = 0; b < s.length; b++) {
      tv += Math.abs(s[b] / n - ((1 - pi) * h[b] + pi * f[b]));
    }
    return tv / 2;
  }

  /**
   * The total-variation distance expected from sampling alone, for {@code n} accounts drawn from bin
   * probabilities {@code m}: half the sum of E|X_b/n - m_b| in the normal approximation.
   */
  public static double expectedMisfit(double[] m, int n) {
    double e = 0;
    for (double p : m) {
      e += Math.sqrt(2 * p * (1 - p) / (Math.PI * n));
    }
    return e / 2;
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
