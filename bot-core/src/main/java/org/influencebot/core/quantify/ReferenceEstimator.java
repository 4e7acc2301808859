package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.FakeModel;

/**
 * The fake share of an audience measured against its network's reference sample (mixture proportion
 * estimation; {@code docs/methodology.md}, "Measured against the network"). The model only ranks accounts
 * from human-like to fake-like; the reference says how the network's ordinary accounts rank. If the audience
 * is {@code (1 - p) R + p O}, with {@code O} on the fake-like side, then on the human-like side the audience's
 * share below a score {@code t} is {@code (1 - p)} times the reference's, so
 * {@code 1 - p = κ = min over t of F_A(t) / F_R(t)} (Blanchard, Lee and Scott 2010; Scott 2015).
 *
 * <ol>
 *   <li>The thresholds {@code t} are the reference's quantiles {@link Options#lowestQuantile} to 1 in steps of
 *       {@link #QUANTILE_STEP}: below the lowest, too few accounts make the ratio noise, and keeping to the
 *       upper part of the ranking keeps an unusual but human-like audience from counting as fake.
 *   <li>The minimum of noisy ratios lies below {@code κ} by chance (it would accuse genuine audiences), so its
 *       bias is measured by a bootstrap over both the audience and the reference ({@link Options#replicates})
 *       and subtracted; the 95% interval is the bootstrap's, shifted the same way.
 *   <li>Nothing is counted unless a permutation test ({@link Options#permutations}, at {@link Options#level})
 *       finds more accounts on the fake-like side of the audience than of the reference beyond chance: without
 *       it, 2 to 4% of genuine audiences came out above 10% ({@code docs/evaluation.md}).
 *   <li>The share is then the audience's excess over the reference: the network's usual fakes, which the
 *       reference holds too, are not counted, nor are fakes the model ranks among ordinary accounts.
 * </ol>
 * Deterministic (fixed seed) and thread-safe.
 */
public final class ReferenceEstimator {
  /** The gap between the thresholds, in reference quantiles. */
  public static final double QUANTILE_STEP = 0.05;
  /** Fewest scored reference accounts to measure against. */
  public static final int MIN_REFERENCE = 100;
  private static final long SEED = 0x5EED_2027L;

  /**
   * @param lowestQuantile the lowest reference quantile used as a threshold
   * @param replicates bootstrap replicates
   * @param permutations permutations of the test that the audience departs from the reference (0: no test)
   * @param level the test's significance level: below it, the audience has more fake-like accounts than the
   *     reference beyond chance, and only then is a share counted
   */
  public record Options(double lowestQuantile, int replicates, int permutations, double level) {
    /** The settings chosen by measurement ({@code docs/evaluation.md}, "Measured against the network"). */
    public static Options defaults() {
      return new Options(0.3, 200, 400, 0.01);
    }
  }

  private final FakeModel model;
  private final Options options;
  private final String name;

  public ReferenceEstimator(FakeModel model, Options options) {
    this.model = model;
    this.options = options;
    this.name = "reference/" + model.name();
  }

  public ReferenceEstimator(FakeModel model) {
    this(model, Options.defaults());
  }

  public String name() {
    return name;
  }

  public FakeModel model() {
    return model;
  }

  /** The sample's share beyond what the yardstick's network explains, with its 95% interval. */
  public ShareEstimate estimate(List<Account> sample, Yardstick yardstick, Instant now) {
    long at = now.getEpochSecond();
    double[] a = new double[sample.size()];
    int n = 0;
    for (Account acc : sample) {
      double p = model.probability(acc, at);
      if (!Double.isNaN(p)) {
        a[n++] = p;
      }
    }
    Optional<org.influencebot.core.reference.Reference.Summary> ref = Optional.of(yardstick.summary());
    return measure(a, n, yardstick.scores(), sample.size(), options, name, ref);
  }

  /**
   * The same measurement on scores already computed: the share of {@code audienceScores} beyond what
   * {@code referenceScores} explain, with its 95% interval (higher scores = more fake-like; only their order
   * counts). For rankings other than the model's, such as the member audit's fake-likeness score
   * ({@code org.influencebot.core.members}). {@code NaN} scores are not assessed. Fewer than
   * {@link QuantifyingEstimator#MIN_ASSESSED} audience scores abstain with {@link Abstention#TOO_FEW_ASSESSED},
   * fewer than {@link #MIN_REFERENCE} reference scores with {@link Abstention#NO_REFERENCE}. Deterministic.
   *
   * @param name the estimator's name in the estimate
   */
  public static ShareEstimate estimate(double[] audienceScores, double[] referenceScores, Options options, String name) {
    double[] a = new double[audienceScores.length];
    int n = 0;
    for (double v : audienceScores) {
      if (!Double.isNaN(v)) {
        a[n++] = v;
      }
    }
    double[] r = new double[referenceScores.length];
    int m = 0;
    for (double v : referenceScores) {
      if (!Double.isNaN(v)) {
        r[m++] = v;
      }
    }
    r = Arrays.copyOf(r, m);
    if (m < MIN_REFERENCE) {
      return new ShareEstimate(0, 0, 1, audienceScores.length, n, name, Optional.of(Abstention.NO_REFERENCE), 0);
    }
    Arrays.sort(r);
    return measure(a, n, r, audienceScores.length, options, name, Optional.empty());
  }

  /** The measurement of the first {@code n} scores of {@code a} against the sorted reference scores. */
  private static ShareEstimate measure(double[] a, int n, double[] sortedReference, int sampleSize, Options options,
      String name, Optional<org.influencebot.core.reference.Reference.Summary> ref) {
    if (n < QuantifyingEstimator.MIN_ASSESSED) {
      return new ShareEstimate(0, 0, 1, sampleSize, n, name, Optional.of(Abstention.TOO_FEW_ASSESSED), 0, ref);
    }
    double[] t = thresholds(sortedReference, options);
    int k = t.length;
    int[] aBin = bins(Arrays.copyOf(a, n), t);
    int[] rBin = bins(sortedReference, t);
    int m = rBin.length;
    double kappa = kappa(counts(aBin, k), n, counts(rBin, k), m);
    SplittableRandom random = new SplittableRandom(SEED);
    int b = options.replicates();
    double[] rep = new double[b];
    int[] ca = new int[k + 1];
    int[] cr = new int[k + 1];
    double sum = 0;
    for (int i = 0; i < b; i++) {
      Arrays.fill(ca, 0);
      Arrays.fill(cr, 0);
      for (int j = 0; j < n; j++) {
        ca[aBin[random.nextInt(n)]]++;
      }
      for (int j = 0; j < m; j++) {
        cr[rBin[random.nextInt(m)]]++;
      }
      rep[i] = kappa(ca, n, cr, m);
      sum += rep[i];
    }
    double bias = sum / b - kappa;
    Arrays.sort(rep);
    double point = kappa - bias;
    double kLow = rep[(int) Math.floor(0.025 * (b - 1))] - bias;
    double kHigh = rep[(int) Math.ceil(0.975 * (b - 1))] - bias;
    double share = clip(1 - point);
    double low = clip(1 - kHigh);
    double high = Math.max(clip(1 - kLow), QuantifyingEstimator.noneSeenUpperBound(n));
    if (options.permutations() > 0 && !departs(Arrays.copyOf(a, n), sortedReference, random, options)) {
      // The audience's fake-like side is no larger than the reference's beyond chance: nothing to count.
      share = 0;
      low = 0;
    }
    share = Math.min(Math.max(share, low), high);
    return new ShareEstimate(share, low, high, sampleSize, n, name, Optional.empty(), 0, ref);
  }

  /**
   * Whether the audience has more accounts on the fake-like side than the reference beyond chance: a
   * permutation test (exact under "audience and reference are alike") at {@link Options#level}, of the largest
   * standardized excess of the audience's share above a threshold over the reference's, the thresholds being
   * the pooled scores' quantiles from {@link Options#lowestQuantile} to 0.95.
   */
  private static boolean departs(double[] a, double[] r, SplittableRandom random, Options options) {
    int n = a.length;
    int m = r.length;
    int total = n + m;
    double[][] pooled = new double[total][];
    for (int i = 0; i < n; i++) {
      pooled[i] = new double[] {a[i], 1};
    }
    for (int j = 0; j < m; j++) {
      pooled[n + j] = new double[] {r[j], 0};
    }
    Arrays.sort(pooled, (x, y) -> Double.compare(x[0], y[0]));
    boolean[] audience = new boolean[total];
    for (int i = 0; i < total; i++) {
      audience[i] = pooled[i][1] == 1;
    }
    int k = (int) Math.round((0.95 - options.lowestQuantile()) / QUANTILE_STEP) + 1;
    int[] from = new int[k];
    for (int i = 0; i < k; i++) {
      from[i] = (int) Math.ceil((options.lowestQuantile() + i * QUANTILE_STEP) * total);
    }
    double observed = excess(audience, from, n, m);
    // Rejected when at most this many permutations reach the observed excess; stop once more have.
    int allowed = (int) Math.floor(options.level() * (options.permutations() + 1) - 1 + 1e-9);
    int atLeast = 0;
    int[] order = new int[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    for (int p = 0; p < options.permutations() && atLeast <= allowed; p++) {
      // A random choice of n positions for the audience: a partial Fisher-Yates shuffle of the last order.
      java.util.Arrays.fill(audience, false);
      for (int i = 0; i < n; i++) {
        int j = i + random.nextInt(total - i);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
        audience[order[i]] = true;
      }
      if (excess(audience, from, n, m) >= observed) {
        atLeast++;
      }
    }
    return atLeast <= allowed;
  }

  /** The largest standardized excess of the audience's share from each position on over the reference's. */
  private static double excess(boolean[] audience, int[] from, int n, int m) {
    int total = audience.length;
    double best = Double.NEGATIVE_INFINITY;
    int inA = 0;
    int pos = total;
    for (int k = from.length - 1; k >= 0; k--) {
      while (pos > from[k]) {
        pos--;
        if (audience[pos]) {
          inA++;
        }
      }
      int above = total - from[k];
      double fa = (double) inA / n;
      double fr = (double) (above - inA) / m;
      double pool = (double) above / total;
      double se = Math.sqrt(pool * (1 - pool) * (1.0 / n + 1.0 / m));
      if (se > 0) {
        best = Math.max(best, (fa - fr) / se);
      }
    }
    return best;
  }

  /** The thresholds: the reference's quantiles from the lowest to 1. */
  private static double[] thresholds(double[] sorted, Options options) {
    int k = (int) Math.round((1 - options.lowestQuantile()) / QUANTILE_STEP) + 1;
    double[] t = new double[k];
    for (int i = 0; i < k; i++) {
      // As Yardstick.quantile: the ceil(q m)-th smallest.
      int j = (int) Math.ceil((options.lowestQuantile() + i * QUANTILE_STEP) * sorted.length) - 1;
      t[i] = sorted[Math.max(0, Math.min(sorted.length - 1, j))];
    }
    return t;
  }

  /** Each score's bin: the first threshold it does not exceed, or {@code t.length} above them all. */
  private static int[] bins(double[] scores, double[] t) {
    int[] out = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int j = 0;
      while (j < t.length && scores[i] > t[j]) {
        j++;
      }
      out[i] = j;
    }
    return out;
  }

  private static int[] counts(int[] bins, int k) {
    int[] c = new int[k + 1];
    for (int b : bins) {
      c[b]++;
    }
    return c;
  }

  /** The least ratio, over the thresholds, of the audience's share at or below it to the reference's. */
  private static double kappa(int[] ca, int n, int[] cr, int m) {
    double best = Double.POSITIVE_INFINITY;
    int sa = 0;
    int sr = 0;
    for (int j = 0; j < ca.length - 1; j++) {
      sa += ca[j];
      sr += cr[j];
      if (sr > 0) {
        best = Math.min(best, ((double) sa / n) / ((double) sr / m));
      }
    }
    return best == Double.POSITIVE_INFINITY ? 1 : best;
  }

  private static double clip(double v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}
