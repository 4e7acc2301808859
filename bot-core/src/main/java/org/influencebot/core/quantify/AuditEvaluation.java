package org.influencebot.core.quantify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.ClassifyAndCount;
import org.influencebot.core.analysis.Wilson;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.ModelTrainer;
import org.influencebot.core.fake.model.SubModel;

/**
 * Audits built from labeled accounts at known fake shares, scored by each share estimator: mean absolute
 * error, how often the 95% interval holds the true share, its median width, and how often the estimator
 * abstained (error, coverage and width are over the audits it did not abstain on).
 */
public final class AuditEvaluation {
  /**
   * @param shares the true fake shares of the audits, 0..1
   * @param sampleSize accounts per audit
   * @param auditsPerShare audits per share and file
   * @param seed seeds which accounts each audit draws (and model training)
   * @param dropFields {@link org.influencebot.core.fake.model.Feature.Fields} hidden from the audited
   *     accounts, as on a network that does not show them (0: none)
   */
  public record Options(double[] shares, int sampleSize, int auditsPerShare, long seed, int dropFields) {
    public Options {
      shares = shares.clone();
    }

    public static Options defaults() {
      return new Options(new double[] {0, 0.05, 0.2, 0.5, 0.9}, 200, 20, 42, 0);
    }
  }

  /**
   * The figures of one estimator at one true share; {@code medianUnexplained} is the median of
   * {@link ShareEstimate#outOfDistribution()} over all its audits.
   */
  public record Row(String estimator, double share, int audits, int abstained, double meanAbsoluteError,
      double coverage, double medianWidth, double maxShare, double medianUnexplained) {
    public double abstentionRate() {
      return audits == 0 ? 0 : (double) abstained / audits;
    }
  }

  /** The rows of one test file, with the audits' outcomes they summarize. */
  public record Part(String title, List<Row> rows, List<Outcome> outcomes) {
    public Part {
      rows = List.copyOf(rows);
      outcomes = List.copyOf(outcomes);
    }
  }

  /** One audit's estimate with the share it should have found. */
  public record Outcome(String estimator, double target, double truth, ShareEstimate estimate) {}

  /** Scoring time for the labeled files' accounts, which all carry {@code observed_at}. */
  static final Instant NOW = Instant.EPOCH;

  private AuditEvaluation() {}

  /** The classify-and-count baseline and every quantification method with this model and these parameters. */
  public static Map<String, ShareEstimator> estimators(FakeModel model, QuantifierParameters parameters) {
    Map<String, ShareEstimator> out = new LinkedHashMap<>();
    out.put("classify-and-count (old)", new ClassifyAndCount(model, QuantifyingEstimator.MIN_ASSESSED));
    for (QuantifyingEstimator.Method m : QuantifyingEstimator.Method.values()) {
      String label = m.name().toLowerCase(Locale.ROOT) + (m == ShareEstimators.DEFAULT_METHOD ? " (default)" : "");
      out.put(label, new QuantifyingEstimator(model, parameters, m));
    }
    return out;
  }

  /** Audits of one file with these estimators. */
  public static Part audit(Dataset test, Map<String, ShareEstimator> estimators, Options o, String title) {
    List<Outcome> outcomes = new ArrayList<>();
    List<List<Account>> samples = samples(test.drop(o.dropFields()), o);
    for (int k = 0; k < samples.size(); k++) {
      List<Account> sample = samples.get(k);
      double target = o.shares()[k / o.auditsPerShare()];
      double truth = truth(sample);
      List<Account> unlabeled = stripLabels(sample);
      for (Map.Entry<String, ShareEstimator> e : estimators.entrySet()) {
        outcomes.add(new Outcome(e.getKey(), target, truth, e.getValue().estimate(unlabeled, NOW)));
      }
    }
    return new Part(title, rows(outcomes, estimators.keySet(), o.shares()), outcomes);
  }

  /**
   * For each file: the model and the quantifier parameters are trained on the other files only, and the
   * audits are drawn from the held-out file.
   */
  public static List<Part> leaveOneFileOut(List<Dataset> files, ModelTrainer.Options mo, Options o) {
    if (files.size() < 2) {
      throw new IllegalArgumentException("leave-one-file-out needs at least two labeled files");
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      List<Dataset> train = new ArrayList<>(files);
      Dataset test = train.remove(i);
      parts.add(audit(test, trained(train, mo), o, "trained on " + names(train) + ", audits from " + test.name()));
    }
    return parts;
  }

  /**
   * How many fakes of a held-out file a model trained on the other files scores as confidently human
   * (below {@link ScoreReference#EDGES}{@code [UNCERTAIN_FROM]}, 0.15): fakes of a kind the model cannot
   * see, which no quantifier over its scores can count.
   */
  public record UnseenFakes(String trainedOn, String heldOut, int fakes, int scoredHuman) {
    public double share() {
      return fakes == 0 ? Double.NaN : (double) scoredHuman / fakes;
    }

    /** The 95% Wilson interval of {@link #share()}. */
    public double[] interval() {
      return Wilson.interval(scoredHuman, fakes, Wilson.Z95);
    }
  }

  /** {@link UnseenFakes} for each file held out in turn, the model trained on the others. */
  public static List<UnseenFakes> unseenFakes(List<Dataset> files, ModelTrainer.Options mo) {
    List<UnseenFakes> out = new ArrayList<>();
    double[] x = new double[Feature.COUNT];
    for (int i = 0; i < files.size(); i++) {
      List<Dataset> train = new ArrayList<>(files);
      Dataset test = train.remove(i);
      List<SubModel> subs = ModelTrainer.train(Dataset.concat(train, "train"), mo, "trained", null).subModels();
      int fakes = 0;
      int human = 0;
      for (int k = 0; k < test.size(); k++) {
        if (test.labels()[k] != 1) {
          continue;
        }
        int known = Feature.extract(test.accounts().get(k), NOW.getEpochSecond(), x);
        SubModel s = subs.stream().filter(m -> m.accepts(known)).findFirst().orElse(null);
        if (s == null) {
          continue;
        }
        fakes++;
        human += ScoreReference.bin(s.probability(x)) < ScoreReference.UNCERTAIN_FROM ? 1 : 0;
      }
      out.add(new UnseenFakes(names(train), test.name(), fakes, human));
    }
    return out;
  }

  /**
   * The audits of {@code estimator} as if it had never abstained (an abstained estimate keeps its share
   * and widened interval), named "{@code estimator}, had it answered": whether its abstentions withheld
   * good answers or wrong ones.
   */
  public static Part unabstained(Part part, String estimator) {
    String name = estimator + ", had it answered";
    List<Outcome> xs = part.outcomes().stream().filter(x -> x.estimator().equals(estimator)).map(x -> {
      ShareEstimate e = x.estimate();
      return new Outcome(name, x.target(), x.truth(), new ShareEstimate(e.share(), e.low(), e.high(), e.sampleSize(),
          e.assessed(), e.estimator(), Optional.empty(), e.outOfDistribution()));
    }).toList();
    double[] shares = part.rows().stream().mapToDouble(Row::share).distinct().toArray();
    return new Part(part.title(), rows(xs, List.of(name), shares), xs);
  }

  /**
   * Within the files' populations: a stratified {@code fraction} of each file is held out, the model and
   * parameters are trained on the rest of all files, and the audits are drawn from each held-out part.
   */
  public static List<Part> holdout(List<Dataset> files, double fraction, ModelTrainer.Options mo, Options o) {
    List<Dataset> train = new ArrayList<>();
    List<Dataset> tests = new ArrayList<>();
    for (Dataset d : files) {
      Dataset[] split = d.holdOut(fraction, o.seed());
      train.add(split[0]);
      tests.add(split[1]);
    }
    Map<String, ShareEstimator> est = trained(train, mo);
    List<Part> parts = new ArrayList<>();
    for (Dataset test : tests) {
      parts.add(audit(test, est, o, "trained on the other " + Math.round(100 * (1 - fraction)) + "% of " + names(files)
          + ", audits from the held-out " + Math.round(100 * fraction) + "% of " + test.name()));
    }
    return parts;
  }

  public static Map<String, ShareEstimator> trained(List<Dataset> train, ModelTrainer.Options mo) {
    FakeModel model = ModelTrainer.train(Dataset.concat(train, "train"), mo, "trained", null);
    QuantifierParameters params = QuantifierTrainer.train(train, mo, JsonNodeFactory.instance.objectNode());
    return estimators(model, params);
  }

  private static String names(List<Dataset> files) {
    return String.join(" + ", files.stream().map(Dataset::name).toList());
  }

  /** The audits: for each share, {@code auditsPerShare} samples drawn without replacement, labels kept. */
  static List<List<Account>> samples(Dataset d, Options o) {
    List<Integer> humans = new ArrayList<>();
    List<Integer> fakes = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      (d.labels()[i] == 1 ? fakes : humans).add(i);
    }
    Random random = new Random(o.seed());
    List<List<Account>> out = new ArrayList<>();
    for (double share : o.shares()) {
      int nf = (int) Math.round(share * o.sampleSize());
      int nh = o.sampleSize() - nf;
      if (nf > fakes.size() || nh > humans.size()) {
        throw new IllegalArgumentException(d.name() + " has " + fakes.size() + " fakes and " + humans.size()
            + " humans: too few for audits of " + o.sampleSize() + " at " + Math.round(100 * share) + "% fake");
      }
      for (int a = 0; a < o.auditsPerShare(); a++) {
        List<Account> sample = new ArrayList<>();
        for (int i : draw(fakes, nf, random)) {
          sample.add(d.accounts().get(i));
        }
        for (int i : draw(humans, nh, random)) {
          sample.add(d.accounts().get(i));
        }
        out.add(sample);
      }
    }
    return out;
  }

  private static int[] draw(List<Integer> from, int k, Random random) {
    int[] a = from.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return Arrays.copyOf(a, k);
  }

  private static double truth(List<Account> sample) {
    long fakes = sample.stream().filter(a -> a.label().map("fake"::equals).orElse(false)).count();
    return (double) fakes / sample.size();
  }

  /** The estimators see no labels. */
  private static List<Account> stripLabels(List<Account> sample) {
    return sample.stream().map(a -> a.toBuilder().label(null).build()).toList();
  }

  static List<Row> rows(List<Outcome> outcomes, Iterable<String> estimators, double[] shares) {
    List<Row> rows = new ArrayList<>();
    for (String name : estimators) {
      for (double share : shares) {
        rows.add(row(name, share, outcomes.stream()
            .filter(x -> x.estimator().equals(name) && x.target() == share)
            .toList()));
      }
    }
    return rows;
  }

  static Row row(String name, double share, List<Outcome> xs) {
    int abstained = 0;
    double err = 0;
    int covered = 0;
    double max = Double.NaN;
    List<Double> widths = new ArrayList<>();
    List<Double> unexplained = new ArrayList<>();
    for (Outcome x : xs) {
      ShareEstimate e = x.estimate();
      unexplained.add(e.outOfDistribution());
      if (e.abstained()) {
        abstained++;
        continue;
      }
      err += Math.abs(e.share() - x.truth());
      covered += e.low() <= x.truth() + 1e-12 && x.truth() <= e.high() + 1e-12 ? 1 : 0;
      widths.add(e.high() - e.low());
      max = Double.isNaN(max) ? e.share() : Math.max(max, e.share());
    }
    int judged = xs.size() - abstained;
    return new Row(name, share, xs.size(), abstained, judged == 0 ? Double.NaN : err / judged,
        judged == 0 ? Double.NaN : (double) covered / judged, median(widths), max, median(unexplained));
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] w = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
  }

  /** Every part's audits pooled, per estimator and share. */
  public static Part pooled(List<Part> parts) {
    List<Outcome> all = new ArrayList<>();
    for (Part p : parts) {
      all.addAll(p.outcomes());
    }
    Part first = parts.get(0);
    List<String> names = first.rows().stream().map(Row::estimator).distinct().toList();
    double[] shares = first.rows().stream().mapToDouble(Row::share).distinct().toArray();
    return new Part("all test files together", rows(all, names, shares), all);
  }

  /** A Markdown table per part. */
  public static String table(List<Part> parts) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      sb.append("### ").append(p.title()).append("\n\n");
      sb.append("| estimator | true share | audits | abstained | mean abs. error | coverage | median width | max reported"
          + " | median unexplained |\n");
      sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (Row r : p.rows()) {
        sb.append(String.format(Locale.ROOT, "| %s | %d%% | %d | %d%% | %s | %s | %s | %s | %s |%n", r.estimator(),
            Math.round(100 * r.share()), r.audits(), Math.round(100 * r.abstentionRate()), points(r.meanAbsoluteError()),
            percent(r.coverage()), points(r.medianWidth()), percent(r.maxShare()), percent(r.medianUnexplained())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String points(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f pts", 100 * v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
