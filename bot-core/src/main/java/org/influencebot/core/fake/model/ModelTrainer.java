package org.influencebot.core.fake.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;

/**
 * Trains a {@link FakeModel}: for each set of known fields ({@link #SPECS}), an L2-regularized logistic
 * regression on standardized features, Platt-calibrated on out-of-fold scores, with a threshold that
 * keeps the out-of-fold share of humans flagged as fake at or below {@link Options#maxHumanFlagRate()}.
 * Deterministic: the same data and seed give the same parameters.
 */
public final class ModelTrainer {
  /** A sub-model: the count fields it requires. The soft fields (avatar, bio) are used when known. */
  public record Spec(String name, int requires) {}

  private static final int F = Feature.Fields.FOLLOWERS;
  private static final int G = Feature.Fields.FOLLOWING;
  private static final int P = Feature.Fields.POSTS;
  private static final int L = Feature.Fields.LIKES;
  private static final int S = Feature.Fields.LISTED;
  private static final int A = Feature.Fields.AGE;

  /** Richest first: an account is scored by the first one whose fields it has. */
  public static final List<Spec> SPECS = List.of(
      new Spec("full", F | G | P | L | S | A),
      new Spec("no_likes_listed", F | G | P | A),
      new Spec("no_age", F | G | P | L | S),
      new Spec("counts", F | G | P));

  /**
   * @param seed seeds the calibration folds and the soft-field dropout
   * @param lambda the L2 penalty on standardized weights
   * @param maxHumanFlagRate the largest share of (out-of-fold) humans the threshold may flag
   * @param calibrationFolds folds for the out-of-fold scores that Platt scaling and the threshold use
   * @param softDropout the chance that each soft field is hidden in the duplicated training rows
   */
  public record Options(long seed, double lambda, double maxHumanFlagRate, int calibrationFolds, double softDropout) {
    public static Options defaults(long seed) {
      return new Options(seed, 100.0, 0.02, 5, 0.5);
    }
  }

  /** Feature vectors of a dataset, with a copy whose soft fields are randomly hidden. */
  static final class Prepared {
    final double[][] x;
    final double[][] dropped;
    final int[] y;

    Prepared(double[][] x, double[][] dropped, int[] y) {
      this.x = x;
      this.dropped = dropped;
      this.y = y;
    }
  }

  private ModelTrainer() {}

  /**
   * Prepares training data. The labeled Twitter datasets write {@code null} for an empty profile
   * description (Twitter always returns one), so for training a missing Twitter bio is read as empty;
   * scoring never does this.
   */
  static Prepared prepare(Dataset d, Options o) {
    int n = d.size();
    double[][] x = new double[n][];
    double[][] dropped = new double[n][];
    Random random = new Random(o.seed() ^ 0x5DEECE66DL);
    for (int i = 0; i < n; i++) {
      Account a = forTraining(d.accounts().get(i));
      double[] v = new double[Feature.COUNT];
      // Every dataset account has observed_at; 0 only stands in for a missing one.
      Feature.extract(a, 0, v);
      x[i] = v;
      double[] w = v.clone();
      for (Feature f : Feature.values()) {
        if (f.soft() && random.nextDouble() < o.softDropout()) {
          w[f.ordinal()] = Double.NaN;
        }
      }
      dropped[i] = w;
    }
    return new Prepared(x, dropped, d.labels());
  }

  public static Account forTraining(Account a) {
    if (a.bio().isEmpty() && a.network().map("twitter"::equals).orElse(false)) {
      return a.toBuilder().bio("").build();
    }
    return a;
  }

  /** Trains every sub-model of {@link #SPECS}. */
  public static FakeModel train(Dataset d, Options o, String version, ObjectNode provenance) {
    return train(d, o, SPECS, version, provenance);
  }

  /** Trains the given sub-models only (evaluation trains just those its test accounts need). */
  public static FakeModel train(Dataset d, Options o, List<Spec> specs, String version, ObjectNode provenance) {
    Prepared p = prepare(d, o);
    List<SubModel> subs = new ArrayList<>();
    for (Spec s : specs) {
      subs.add(trainSub(s, p, o));
    }
    return new FakeModel(version, subs, provenance).roundTrip();
  }

  /** The specs that would score accounts with these known fields, in {@link #SPECS} order. */
  public static List<Spec> specsFor(List<Account> accounts) {
    boolean[] used = new boolean[SPECS.size()];
    double[] x = new double[Feature.COUNT];
    for (Account a : accounts) {
      int known = Feature.extract(a, 0, x);
      for (int i = 0; i < SPECS.size(); i++) {
        if ((known & SPECS.get(i).requires()) == SPECS.get(i).requires()) {
          used[i] = true;
          break;
        }
      }
    }
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < used.length; i++) {
      if (used[i]) {
        out.add(SPECS.get(i));
      }
    }
    return out.isEmpty() ? List.of(SPECS.get(SPECS.size() - 1)) : out;
  }

  static List<Feature> featuresOf(Spec s) {
    List<Feature> out = new ArrayList<>();
    for (Feature f : Feature.values()) {
      if ((f.fields() & ~Feature.Fields.SOFT & ~s.requires()) == 0) {
        out.add(f);
      }
    }
    return out;
  }

  static SubModel trainSub(Spec s, Prepared p, Options o) {
    int n = p.y.length;
    int[] folds = Folds.stratified(p.y, o.calibrationFolds(), o.seed());
    double[] oof = new double[n];
    for (int k = 0; k < o.calibrationFolds(); k++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (folds[i] != k) {
          train.add(i);
        }
      }
      SubModel m = fit(s, p, train, o.lambda());
      for (int i = 0; i < n; i++) {
        if (folds[i] == k) {
          oof[i] = m.logit(p.x[i]);
        }
      }
    }
    double[] ab = LogisticRegression.platt(oof, p.y);
    // Platt's fit is calibrated to the training files' mix of fakes; a probability about one account is
    // stated at even odds instead, so that adding files of fakes does not make every person look faker.
    int fakes = 0;
    for (int v : p.y) {
      fakes += v;
    }
    if (fakes > 0 && fakes < n) {
      ab[1] -= Math.log((double) fakes / (n - fakes));
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    SubModel full = fit(s, p, all, o.lambda());
    int humans = 0;
    for (int v : p.y) {
      humans += 1 - v;
    }
    double[] humanP = new double[humans];
    int h = 0;
    for (int i = 0; i < n; i++) {
      if (p.y[i] == 0) {
        humanP[h++] = SubModel.sigmoid(ab[0] * oof[i] + ab[1]);
      }
    }
    double t = threshold(humanP, o.maxHumanFlagRate());
    return new SubModel(s.name(), s.requires(), featuresArray(full), arr(full, 0), arr(full, 1), arr(full, 2),
        arr(full, 3), arr(full, 4), arr(full, 5), full.bias(), ab[0], ab[1], t);
  }

  /**
   * The lowest threshold, in steps of 0.0001 and at least 0.5, at which no more than {@code rate} of these
   * humans' probabilities reach it.
   */
  public static double threshold(double[] humanProbabilities, double rate) {
    double[] sorted = humanProbabilities.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    int allowed = (int) Math.floor(rate * n + 1e-9);
    double t = 0.5;
    if (allowed < n) {
      // The (allowed+1)-th largest must stay below the threshold.
      double v = sorted[n - 1 - allowed];
      t = Math.max(t, Math.floor(v * 10_000 + 1) / 10_000);
    }
    return Math.min(t, 1.0);
  }

  private static Feature[] featuresArray(SubModel m) {
    return m.features().toArray(new Feature[0]);
  }

  private static double[] arr(SubModel m, int which) {
    double[] out = new double[m.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = switch (which) {
        case 0 -> m.mean(i);
        case 1 -> m.sd(i);
        case 2 -> m.min(i);
        case 3 -> m.max(i);
        case 4 -> m.weight(i);
        default -> m.missingWeight(i);
      };
    }
    return out;
  }

  /** Fits one uncalibrated sub-model on these rows (each row also enters once with soft fields dropped). */
  static SubModel fit(Spec s, Prepared p, List<Integer> rows, double lambda) {
    List<Feature> feats = featuresOf(s);
    int d = feats.size();
    double[] mean = new double[d];
    double[] sd = new double[d];
    double[] min = new double[d];
    double[] max = new double[d];
    for (int j = 0; j < d; j++) {
      int f = feats.get(j).ordinal();
      double sum = 0;
      double sq = 0;
      int cnt = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i : rows) {
        double v = p.x[i][f];
        if (v == v) {
          sum += v;
          sq += v * v;
          cnt++;
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (cnt == 0) {
        mean[j] = 0;
        sd[j] = 1;
        min[j] = 0;
        max[j] = 0;
        continue;
      }
      mean[j] = sum / cnt;
      double var = sq / cnt - mean[j] * mean[j];
      sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
      min[j] = lo;
      max[j] = hi;
    }
    // Columns: one standardized value per feature (0 when unknown), then one indicator per soft feature.
    int[] softCol = new int[d];
    int cols = d;
    for (int j = 0; j < d; j++) {
      softCol[j] = feats.get(j).soft() ? cols++ : -1;
    }
    double[][] design = new double[rows.size() * 2][cols];
    int[] y = new int[rows.size() * 2];
    int r = 0;
    for (double[][] source : new double[][][] {p.x, p.dropped}) {
      for (int i : rows) {
        double[] row = design[r];
        for (int j = 0; j < d; j++) {
          double v = source[i][feats.get(j).ordinal()];
          if (v != v) {
            if (softCol[j] >= 0) {
              row[softCol[j]] = 1;
            }
          } else {
            row[j] = (v - mean[j]) / sd[j];
          }
        }
        y[r++] = p.y[i];
      }
    }
    double[] beta = LogisticRegression.fit(design, y, lambda);
    double[] w = new double[d];
    double[] wm = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = beta[j + 1];
      wm[j] = softCol[j] >= 0 ? beta[softCol[j] + 1] : 0;
    }
    return new SubModel(s.name(), s.requires(), feats.toArray(new Feature[0]), mean, sd, min, max, w, wm, beta[0],
        1, 0, 0.5);
  }
}
