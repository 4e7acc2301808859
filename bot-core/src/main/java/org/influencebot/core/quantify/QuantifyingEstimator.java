package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.SubModel;

/**
 * The fake share of a sample by quantification over the model's binned scores, with a 95% interval
 * that covers sampling, the uncertainty of the measured score distributions and their differences
 * between populations, widened by the share of the sample the model cannot account for.
 *
 * <ol>
 *   <li>Each account the model can score gets its fake probability, binned ({@link ScoreReference#EDGES})
 *       per sub-model: a cell is a (sub-model, bin) pair, and a class's cell probabilities are the
 *       sample's share of that sub-model times the class's bin probabilities under it.
 *   <li>Of the references (every training population's, and all pooled), the one whose best mixture of
 *       humans and fakes is nearest the sample gives the point estimate, by {@link Method}.
 *   <li>The interval is the 2.5 and 97.5 percentiles of {@link #REPLICATES} bootstrap replicates, each
 *       resampling the sample's accounts, taking each training population's score distributions in turn
 *       (their difference is how error rates change between populations) and drawing them from a
 *       Dirichlet on their counts (their own uncertainty).
 *   <li>The unexplained share {@code u} is the larger of: the share of accounts {@link OutOfDistribution
 *       outside the training data} beyond what training accounts show (with two standard errors of
 *       allowance), and the share of the sample's scores that no mixture of a reference's humans and fakes
 *       accounts for (total-variation misfit beyond twice its sampling expectation). Those accounts may
 *       be anything, so the interval becomes {@code [low (1-u), high (1-u) + u]}.
 *   <li>It abstains with {@link Abstention#OUT_OF_DISTRIBUTION} when the sample shows a shift (more accounts
 *       outside the training data than {@link #SHIFT_OUTSIDE}, or more in the uncertain zone than the fitted
 *       mixture expects, each at the {@link #SHIFT_LEVEL} level of an exact binomial test) or when {@code u}
 *       exceeds {@link #MAX_UNEXPLAINED}; and with {@link Abstention#TOO_FEW_ASSESSED} below
 *       {@link #MIN_ASSESSED} scored accounts (then the interval is 0..1).
 * </ol>
 * {@link ShareEstimate#outOfDistribution()} carries {@code u}. Deterministic (the bootstrap has a fixed
 * seed) and thread-safe.
 */
public final class QuantifyingEstimator implements ShareEstimator {
  /** How the share is read off the binned scores. */
  public enum Method {
    /** Adjusted classify-and-count at 0.5 (Forman 2008). */
    ACC,
    /** Probabilistic adjusted classify-and-count (Bella et al. 2010). */
    PACC,
    /** Maximum likelihood by EM prior re-estimation (Saerens et al. 2002). */
    EM,
    /** HDy, the Hellinger-distance mixture fit (González-Castro et al. 2013). */
    HDY
  }

  public static final int MIN_ASSESSED = 20;
  /** Above this unexplained share the interval would be too wide to act on: abstain instead. */
  public static final double MAX_UNEXPLAINED = 0.15;
  /**
   * The significance level of the test that the sample comes from the populations the model was trained on:
   * below it, the sample has more accounts outside the training data, or in the uncertain zone, than those
   * populations show by chance, and the estimate abstains. Its accounts inside the training data are then
   * of a population the model does not know either, so no widening of the interval can be trusted.
   */
  public static final double SHIFT_LEVEL = 0.001;
  /**
   * The share of a sample of the training populations that the test expects outside the training data:
   * twice {@link OutOfDistribution#TRAINING_OUTSIDE}, because new accounts of those populations land outside
   * a little more often than the training accounts the threshold was set on (1.5% in the held-out 30% of the
   * labeled files).
   */
  public static final double SHIFT_OUTSIDE = 2 * OutOfDistribution.TRAINING_OUTSIDE;
  public static final int REPLICATES = 200;
  /** At most this many accounts of a sample are checked against the training data (evenly spread). */
  public static final int MAX_DISTANCES = 200;
  private static final long SEED = 0x5EED_2026L;
  private static final int BINS = ScoreReference.BINS;

  private final SubModel[] subModels;
  private final Method method;
  /** The pooled reference first, then each population's. */
  private final ScoreReference[] references;
  private final ScoreReference[] populations;
  private final OutOfDistribution ood;
  private final String name;

  public QuantifyingEstimator(FakeModel model, QuantifierParameters parameters, Method method) {
    List<SubModel> subs = model.subModels();
    List<String> names = subs.stream().map(SubModel::name).toList();
    if (!names.equals(parameters.subModels())) {
      throw new IllegalArgumentException("quantifier parameters were made for sub-models " + parameters.subModels()
          + ", the model has " + names);
    }
    this.subModels = subs.toArray(new SubModel[0]);
    this.method = method;
    this.populations = parameters.populations().toArray(new ScoreReference[0]);
    this.references = new ScoreReference[populations.length + 1];
    references[0] = parameters.pooled();
    System.arraycopy(populations, 0, references, 1, populations.length);
    this.ood = parameters.outOfDistribution();
    this.name = method.name().toLowerCase(Locale.ROOT) + "/" + model.name() + "/" + parameters.version();
  }

  public Method method() {
    return method;
  }

  @Override
  public ShareEstimate estimate(List<Account> sample, Instant now) {
    long nowSecond = now.getEpochSecond();
    double[] x = new double[Feature.COUNT];
    double[] z = new double[OutOfDistribution.FEATURES.length];
    int[] cells = new int[sample.size()];
    double[] counts = new double[subModels.length * BINS];
    double scoreSum = 0;
    int assessed = 0;
    int outside = 0;
    int checked = 0;
    long checkedSlot = -1;
    for (Account a : sample) {
      int known = Feature.extract(a, nowSecond, x);
      int s = 0;
      while (s < subModels.length && !subModels[s].accepts(known)) {
        s++;
      }
      if (s == subModels.length) {
        continue;
      }
      double p = subModels[s].probability(x);
      int c = s * BINS + ScoreReference.bin(p);
      cells[assessed++] = c;
      counts[c]++;
      scoreSum += p;
      // Distances are the costly part: every account of a small sample, evenly spread ones of a large one.
      if ((long) (assessed - 1) * MAX_DISTANCES / Math.max(sample.size(), MAX_DISTANCES) != checkedSlot) {
        checkedSlot = (long) (assessed - 1) * MAX_DISTANCES / Math.max(sample.size(), MAX_DISTANCES);
        checked++;
        ood.standardize(x, z);
        if (ood.outside(z)) {
          outside++;
        }
      }
    }
    double outsideShare = checked == 0 ? 0 : (double) outside / checked;
    if (assessed < MIN_ASSESSED) {
      double share = assessed == 0 ? 0 : estimate(counts, scoreSum / assessed, references[0]);
      return new ShareEstimate(share, 0, 1, sample.size(), assessed, name, Optional.of(Abstention.TOO_FEW_ASSESSED),
          outsideShare);
    }
    // The reference under which the sample is most likely gives the point estimate; the misfit is the
    // least any reference leaves.
    ScoreReference best = references[0];
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    double misfit = Double.POSITIVE_INFINITY;
    double misfitP = 0;
    for (ScoreReference r : references) {
      double[][] hf = cellShares(counts, r);
      double pi = Quantifiers.maximumLikelihood(counts, hf[0], hf[1]);
      double l = Quantifiers.logLikelihood(counts, hf[0], hf[1], pi);
      if (l > bestLikelihood) {
        bestLikelihood = l;
        best = r;
      }
      double[] zone = uncertainZone(counts, assessed, hf, pi);
      misfit = Math.min(misfit, excess(zone[0], zone[1], assessed));
      misfitP = Math.max(misfitP, atLeast(zone[0], assessed, zone[1]));
    }
    double share = estimate(counts, scoreSum / assessed, best);
    double[] interval = bootstrap(Arrays.copyOf(cells, assessed));
    // A bootstrap of a sample with no fake-looking account never draws one: its upper bound would be 0, as if
    // n accounts proved that none of the audience is fake. Never claim less than n accounts can show.
    interval[1] = Math.max(interval[1], noneSeenUpperBound(assessed));
    double expected = OutOfDistribution.TRAINING_OUTSIDE;
    double oodExcess = excess(outsideShare, expected, checked);
    double u = Math.min(1, Math.max(oodExcess, misfit));
    double low = interval[0] * (1 - u);
    double high = interval[1] * (1 - u) + u;
    share = Math.min(Math.max(share, low), high);
    boolean shifted = Math.min(atLeast(outsideShare, checked, SHIFT_OUTSIDE), misfitP) < SHIFT_LEVEL;
    Optional<Abstention> abstain = shifted || u > MAX_UNEXPLAINED ? Optional.of(Abstention.OUT_OF_DISTRIBUTION)
        : Optional.empty();
    return new ShareEstimate(share, low, high, sample.size(), assessed, name, abstain, u);
  }

  /** The share of the sample's {@code n} accounts that sub-model {@code s} scored (its cells' counts). */
  private static double subModelShare(double[] counts, int s, double n) {
    double w = 0;
    for (int b = 0; b < BINS; b++) {
      w += counts[s * BINS + b];
    }
    return w == 0 ? 0 : w / n;
  }

  /** A reference's class cell probabilities for a sample with these cell counts: {human, fake}. */
  private static double[][] cellShares(double[] counts, ScoreReference r) {
    double n = Quantifiers.sum(counts);
    double[] h = new double[counts.length];
    double[] f = new double[counts.length];
    for (int s = 0; s < r.subModels(); s++) {
      double w = subModelShare(counts, s, n);
      if (w == 0) {
        continue;
      }
      double[] hs = r.humanShares(s);
      double[] fs = r.fakeShares(s);
      for (int b = 0; b < BINS; b++) {
        h[s * BINS + b] = w * hs[b];
        f[s * BINS + b] = w * fs[b];
      }
    }
    return new double[][] {h, f};
  }

  /**
   * The share of the sample whose scores land in the uncertain zone ({@link ScoreReference#UNCERTAIN_FROM}
   * to {@link ScoreReference#UNCERTAIN_TO}), and the share the best mixture of this reference's humans and
   * fakes puts there: {@code {observed, expected}}. Only an excess counts: accounts scored more confidently
   * than the reference's (a cleaner human, a plainer fake) do not bias the share, while accounts the model
   * hesitates on more than on any known population do.
   */
  private static double[] uncertainZone(double[] counts, int n, double[][] hf, double pi) {
    double observed = 0;
    double expected = 0;
    for (int c = 0; c < counts.length; c++) {
      int b = c % BINS;
      if (b >= ScoreReference.UNCERTAIN_FROM && b < ScoreReference.UNCERTAIN_TO) {
        observed += counts[c] / n;
        expected += (1 - pi) * hf[0][c] + pi * hf[1][c];
      }
    }
    return new double[] {observed, expected};
  }

  /**
   * The 97.5% upper bound of a share of which none of {@code n} accounts was seen (Clopper-Pearson):
   * {@code 1 - 0.025^(1/n)}, about 3.7 / n.
   */
  static double noneSeenUpperBound(int n) {
    return 1 - Math.pow(0.025, 1.0 / n);
  }

  /** How far an observed share of {@code n} accounts exceeds the expected one, less two standard errors. */
  private static double excess(double observed, double expected, int n) {
    return Math.max(0, observed - expected - 2 * Math.sqrt(expected * (1 - expected) / n));
  }

  /**
   * The chance that {@code n} accounts, each with probability {@code expected}, show at least the
   * {@code observed} share (the exact binomial upper tail): the p-value of "no more than chance".
   */
  static double atLeast(double observed, int n, double expected) {
    int k = (int) Math.round(observed * n);
    if (k <= 0 || n == 0) {
      return 1;
    }
    return Binomial.upperTail(k, n, expected);
  }

  private double estimate(double[] counts, double meanScore, ScoreReference r) {
    double[][] hf = cellShares(counts, r);
    return estimate(counts, meanScore, hf[0], hf[1], means(counts, r));
  }

  /** The sample-weighted mean scores of humans and fakes under this reference. */
  private static double[] means(double[] counts, ScoreReference r) {
    double n = Quantifiers.sum(counts);
    double hm = 0;
    double fm = 0;
    for (int s = 0; s < r.subModels(); s++) {
      double w = 0;
      for (int b = 0; b < BINS; b++) {
        w += counts[s * BINS + b];
      }
      if (w > 0) {
        hm += w / n * r.humanMean(s);
        fm += w / n * r.fakeMean(s);
      }
    }
    return new double[] {hm, fm};
  }

  private double estimate(double[] counts, double meanScore, double[] h, double[] f, double[] means) {
    return switch (method) {
      case ACC -> Quantifiers.adjustedCount(counts, h, f, c -> c % BINS >= ScoreReference.HALF);
      case PACC -> Quantifiers.probabilisticAdjustedCount(meanScore, means[0], means[1]);
      case EM -> Quantifiers.maximumLikelihood(counts, h, f);
      case HDY -> Quantifiers.hellingerDistance(counts, h, f);
    };
  }

  /** The 2.5 and 97.5 percentiles of the bootstrap replicates. */
  private double[] bootstrap(int[] cells) {
    int n = cells.length;
    SplittableRandom random = new SplittableRandom(SEED);
    double[] est = new double[REPLICATES];
    int cellCount = subModels.length * BINS;
    double[] counts = new double[cellCount];
    double[] h = new double[cellCount];
    double[] f = new double[cellCount];
    double[] hb = new double[BINS];
    double[] fb = new double[BINS];
    double[] mids = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      mids[b] = (ScoreReference.EDGES[b] + ScoreReference.EDGES[b + 1]) / 2;
    }
    for (int r = 0; r < REPLICATES; r++) {
      Arrays.fill(counts, 0);
      Arrays.fill(h, 0);
      Arrays.fill(f, 0);
      for (int i = 0; i < n; i++) {
        counts[cells[random.nextInt(n)]]++;
      }
      ScoreReference pop = populations[r % populations.length];
      double meanScore = 0;
      double[] means = new double[2];
      for (int s = 0; s < subModels.length; s++) {
        double w = subModelShare(counts, s, n);
        if (w == 0) {
          continue;
        }
        dirichlet(pop.humanCounts(s), hb, random);
        dirichlet(pop.fakeCounts(s), fb, random);
        double hm = 0;
        double fm = 0;
        for (int b = 0; b < BINS; b++) {
          h[s * BINS + b] = w * hb[b];
          f[s * BINS + b] = w * fb[b];
          meanScore += counts[s * BINS + b] * mids[b] / n;
          hm += hb[b] * mids[b];
          fm += fb[b] * mids[b];
        }
        means[0] += w * hm;
        means[1] += w * fm;
      }
      // PACC's means come from bin midpoints here, on the sample as on the reference, so they agree.
      est[r] = estimate(counts, meanScore, h, f, means);
    }
    Arrays.sort(est);
    return new double[] {est[(int) Math.floor(0.025 * (REPLICATES - 1))], est[(int) Math.ceil(0.975 * (REPLICATES - 1))]};
  }

  /** A draw from the Dirichlet with parameters {@code counts + 1/2} (Jeffreys), into {@code out}. */
  private static void dirichlet(long[] counts, double[] out, SplittableRandom random) {
    double s = 0;
    for (int b = 0; b < counts.length; b++) {
      out[b] = gamma(counts[b] + 0.5, random);
      s += out[b];
    }
    for (int b = 0; b < counts.length; b++) {
      out[b] /= s;
    }
  }

  /** Marsaglia and Tsang's gamma sampler (shape {@code a}, scale 1). */
  static double gamma(double a, SplittableRandom random) {
    if (a < 1) {
      return gamma(a + 1, random) * Math.pow(random.nextDouble(), 1 / a);
    }
    double d = a - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
