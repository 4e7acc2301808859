package org.influencebot.core.quantify;

/**
 * Exact binomial tails, summed term by term in log space: stable for the sample sizes the estimator
 * sees (up to a few thousand accounts), with no library for one formula.
 */
public final class Binomial {
  private Binomial() {
  }

  /**
   * P(X &ge; k) for X ~ Binomial(n, p): the exact sum of the probabilities of k..n successes.
   *
   * @param k the least number of successes, any integer (k &le; 0 gives 1, k &gt; n gives 0)
   * @param n the number of trials, at least 0
   * @param p the success probability, clamped to [0, 1]
   */
  public static double upperTail(int k, int n, double p) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be at least 0, not " + n);
    }
    if (k <= 0) {
      return 1;
    }
    if (k > n) {
      return 0;
    }
    double q = Math.min(1, Math.max(0, p));
    if (q == 0) {
      return 0;
    }
    if (q == 1) {
      return 1;
    }
    double logP = Math.log(q);
    double logQ = Math.log1p(-q);
    // log C(n, k) as a sum of logs, then each next term from the one before: C(n, i+1) = C(n, i) (n-i)/(i+1).
    double logChoose = 0;
    for (int i = 1; i <= k; i++) {
      logChoose += Math.log((double) (n - k + i) / i);
    }
    double[] logTerms = new double[n - k + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = k; i <= n; i++) {
      if (i > k) {
        logChoose += Math.log((double) (n - i + 1) / i);
      }
      double t = logChoose + i * logP + (n - i) * logQ;
      logTerms[i - k] = t;
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : logTerms) {
      sum += Math.exp(t - max);
    }
    return Math.min(1, Math.exp(max + Math.log(sum)));
  }
}
