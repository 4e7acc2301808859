package org.influencebot.core.quantify;

/**
 * How the model's fake scores spread over {@link #EDGES bins} for humans and for fakes it was not
 * trained on (out-of-fold scores of one population), for each of the model's sub-models (an account
 * with fewer known fields is scored by another sub-model, whose scores spread differently): the
 * measured error rates, as counts so that their own uncertainty is known. Also the sums of the scores
 * per sub-model and class, for probabilistic counting.
 *
 * @param name the population, such as the file the accounts came from
 * @param humans {@code humans[s][b]}: humans that sub-model {@code s} scores into bin {@code b}
 */
public record ScoreReference(String name, long[][] humans, long[][] fakes, double[] humanScoreSum,
    double[] fakeScoreSum) {
  /** Bin edges on the probability scale, finer near 0 and 1 where most scores lie. */
  public static final double[] EDGES = {0, 0.001, 0.01, 0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95, 1};
  public static final int BINS = EDGES.length - 1;
  /** The first bin at or above 0.5: adjusted classify-and-count flags these. */
  public static final int HALF = 6;
  /** The uncertain zone, where the model hesitates: bins from 0.15 (inclusive) to 0.85 (exclusive). */
  public static final int UNCERTAIN_FROM = 4;
  public static final int UNCERTAIN_TO = 8;

  public ScoreReference {
    int subs = humans.length;
    if (subs == 0 || fakes.length != subs || humanScoreSum.length != subs || fakeScoreSum.length != subs) {
      throw new IllegalArgumentException("score reference " + name + ": one histogram and sum per sub-model and class");
    }
    humans = copy(humans);
    fakes = copy(fakes);
    for (int s = 0; s < subs; s++) {
      if (humans[s].length != BINS || fakes[s].length != BINS) {
        throw new IllegalArgumentException("score reference " + name + ": needs " + BINS + " bins per class");
      }
    }
    humanScoreSum = humanScoreSum.clone();
    fakeScoreSum = fakeScoreSum.clone();
  }

  /** The bin of a probability. */
  public static int bin(double p) {
    int b = 1;
    while (b < BINS && p >= EDGES[b]) {
      b++;
    }
    return b - 1;
  }

  public int subModels() {
    return humans.length;
  }

  /**
   * Sub-model {@code s}'s human bin probabilities, with half a count added to every bin (Jeffreys), so that
   * a bin no training account fell in is possible, not impossible, for either class.
   */
  public double[] humanShares(int s) {
    return shares(humans[s]);
  }

  public double[] fakeShares(int s) {
    return shares(fakes[s]);
  }

  public double humanMean(int s) {
    return humanScoreSum[s] / total(humans[s]);
  }

  public double fakeMean(int s) {
    return fakeScoreSum[s] / total(fakes[s]);
  }

  /** Sub-model {@code s}'s human counts, not copied: callers must not change them. */
  long[] humanCounts(int s) {
    return humans[s];
  }

  long[] fakeCounts(int s) {
    return fakes[s];
  }

  /** The references of several populations pooled. */
  public static ScoreReference pool(String name, Iterable<ScoreReference> refs) {
    long[][] h = null;
    long[][] f = null;
    double[] hs = null;
    double[] fs = null;
    for (ScoreReference r : refs) {
      if (h == null) {
        h = new long[r.subModels()][BINS];
        f = new long[r.subModels()][BINS];
        hs = new double[r.subModels()];
        fs = new double[r.subModels()];
      }
      if (r.subModels() != h.length) {
        throw new IllegalArgumentException("score references for different sub-models cannot be pooled");
      }
      for (int s = 0; s < h.length; s++) {
        for (int b = 0; b < BINS; b++) {
          h[s][b] += r.humans[s][b];
          f[s][b] += r.fakes[s][b];
        }
        hs[s] += r.humanScoreSum[s];
        fs[s] += r.fakeScoreSum[s];
      }
    }
    if (h == null) {
      throw new IllegalArgumentException("nothing to pool");
    }
    return new ScoreReference(name, h, f, hs, fs);
  }

  static long total(long[] v) {
    long s = 0;
    for (long x : v) {
      s += x;
    }
    return s;
  }

  private static double[] shares(long[] v) {
    double n = total(v);
    double[] out = new double[v.length];
    for (int b = 0; b < v.length; b++) {
      out[b] = (v[b] + 0.5) / (n + 0.5 * v.length);
    }
    return out;
  }

  private static long[][] copy(long[][] v) {
    long[][] out = new long[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i].clone();
    }
    return out;
  }

  @Override
  public long[][] humans() {
    return copy(humans);
  }

  @Override
  public long[][] fakes() {
    return copy(fakes);
  }

  @Override
  public double[] humanScoreSum() {
    return humanScoreSum.clone();
  }

  @Override
  public double[] fakeScoreSum() {
    return fakeScoreSum.clone();
  }
}
