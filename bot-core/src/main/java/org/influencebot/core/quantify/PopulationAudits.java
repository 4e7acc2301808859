package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.ModelTrainer;
import org.influencebot.core.reference.Reference;

/**
 * Leave-one-population-out audits against a reference, as a user meets them: for each population, the
 * ranking model is trained on the labeled files that population does not use; each audit draws a
 * reference from the population (of at most {@link Options#referenceSize} accounts, {@link
 * Options#referenceFakes} of them fakes, as a random sample of a network holds some) and, from its other
 * accounts, an audience at a known fake share, and measures the audience against the reference.
 */
public final class PopulationAudits {
  /**
   * A population: humans of one labeled file and fakes of one (the same file when it holds both labels).
   *
   * @param name how tables name it
   */
  public record Population(String name, Dataset humans, Dataset fakes) {
    /** The labeled files it uses, by name. */
    public List<String> files() {
      return humans.name().equals(fakes.name()) ? List.of(humans.name()) : List.of(humans.name(), fakes.name());
    }
  }

  /**
   * The populations of the seven labeled files: three files hold both labels; the four of one label are
   * paired with the humans or fakes of the nearest collection in time (the datasets' README).
   */
  public static final List<String[]> PAIRINGS = List.of(
      new String[] {"cresci-2015 (E13 humans, INT fakes of 2013)", "twitter-cresci-2015.jsonl", "twitter-cresci-2015.jsonl"},
      new String[] {"cresci-2017 (genuine, social spambots #1)", "twitter-cresci-2017-sample.jsonl", "twitter-cresci-2017-sample.jsonl"},
      new String[] {"stock-2018 (humans, cashtag bots)", "twitter-cresci-stock-2018.jsonl", "twitter-cresci-stock-2018.jsonl"},
      new String[] {"bought-2013 (E13 humans, FastFollowerz and TwitterTechnology fakes)", "twitter-cresci-2015.jsonl",
          "twitter-cresci-2017-fake-followers.jsonl"},
      new String[] {"spambots-2017 (genuine of 2017, spambots)", "twitter-cresci-2017-sample.jsonl",
          "twitter-cresci-2017-spambots.jsonl"},
      new String[] {"2019 (verified humans, bot-repository bots)", "twitter-verified-2019-humans.jsonl",
          "twitter-bot-repository-2019-bots.jsonl"});

  /**
   * @param shares true fake shares of the audiences, 0..1
   * @param sampleSize accounts per audience
   * @param auditsPerShare audits per share and population
   * @param referenceSize accounts per reference (fewer when the population is small)
   * @param referenceFakes the reference's fake share
   * @param seed seeds the draws and training
   * @param dropFields fields hidden from every account (audience and reference), as a network that does not show them
   */
  public record Options(double[] shares, int sampleSize, int auditsPerShare, int referenceSize, double referenceFakes,
      long seed, int dropFields) {
    public Options {
      shares = shares.clone();
    }

    public static Options defaults() {
      return new Options(new double[] {0, 0.05, 0.2, 0.5, 0.9}, 200, 20, 500, 0.05, 42, 0);
    }
  }

  /** One audit: the share it should find and the estimate. */
  public record Outcome(String estimator, double target, double truth, ShareEstimate estimate) {}

  /** The figures at one share. */
  public record Row(double share, int audits, int answered, double meanAbsoluteError, double coverage,
      double medianWidth, double maxShare) {}

  /** A population's rows. */
  public record Part(String population, List<String> trainedOn, java.util.Map<String, List<Row>> rows,
      List<Outcome> outcomes) {}

  /** Scoring time: every labeled account carries {@code observed_at}. */
  private static final Instant NOW = Instant.EPOCH;

  private PopulationAudits() {}

  /** Humans and fakes of a population, each from its file's own label. */
  public static Population population(String name, Dataset humansFile, Dataset fakesFile) {
    return new Population(name, only(humansFile, 0), only(fakesFile, 1));
  }

  private static Dataset only(Dataset d, int label) {
    int[] pos = java.util.stream.IntStream.range(0, d.size()).filter(i -> d.labels()[i] == label).toArray();
    return d.subset(pos, d.name());
  }

  /** The name of the estimator measured against the reference in the tables. */
  public static final String REFERENCE = "against the reference (default)";

  /**
   * Leaves each population out in turn: trains the ranking model on the files it does not use, and audits
   * it with the reference estimator and, for comparison, issue 12's estimator (measured against the
   * labeled populations of those files that hold both labels) and classify-and-count.
   */
  public static List<Part> leaveOnePopulationOut(List<Population> populations, List<Dataset> files,
      ModelTrainer.Options mo, Options o) {
    List<Part> parts = new ArrayList<>();
    for (Population p : populations) {
      List<Dataset> train = files.stream().filter(f -> !p.files().contains(f.name())).map(f -> f.drop(o.dropFields()))
          .toList();
      FakeModel model = ModelTrainer.train(Dataset.concat(train, "train"), mo, "lopo", null);
      java.util.Map<String, ShareEstimator> baselines = new java.util.LinkedHashMap<>();
      List<Dataset> labeled = train.stream().filter(d -> QuantifierTrainer.DEFAULT_FILES.contains(d.name())).toList();
      if (!labeled.isEmpty()) {
        List<Dataset> others = train.stream().filter(d -> !labeled.contains(d)).toList();
        QuantifierParameters params = QuantifierTrainer.train(labeled, others, mo,
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        baselines.put("labeled populations (issue 12)", new QuantifyingEstimator(model, params, ShareEstimators.DEFAULT_METHOD));
      }
      baselines.put("classify-and-count", new org.influencebot.core.analysis.ClassifyAndCount(model,
          QuantifyingEstimator.MIN_ASSESSED));
      parts.add(audit(p, new ReferenceEstimator(model), baselines, o, train.stream().map(Dataset::name).toList()));
    }
    return parts;
  }

  /** Audits of one population with this estimator and these baselines (which ignore the reference). */
  public static Part audit(Population p, ReferenceEstimator estimator, java.util.Map<String, ShareEstimator> baselines,
      Options o, List<String> trainedOn) {
    List<Account> humans = p.humans().drop(o.dropFields()).accounts();
    List<Account> fakes = p.fakes().drop(o.dropFields()).accounts();
    Random random = new Random(o.seed() ^ p.name().hashCode());
    List<Outcome> outcomes = new ArrayList<>();
    for (double share : o.shares()) {
      for (int i = 0; i < o.auditsPerShare(); i++) {
        int[] hIdx = shuffled(humans.size(), random);
        int[] fIdx = shuffled(fakes.size(), random);
        int audienceFakes = (int) Math.round(share * o.sampleSize());
        int audienceHumans = o.sampleSize() - audienceFakes;
        // The reference takes what the audience leaves: at most referenceSize, referenceFakes of them fakes.
        int refSize = (int) Math.min(o.referenceSize(), Math.min(
            (humans.size() - audienceHumans) / (1 - o.referenceFakes()),
            o.referenceFakes() == 0 ? Double.MAX_VALUE : (fakes.size() - audienceFakes) / o.referenceFakes()));
        int refFakes = (int) Math.round(refSize * o.referenceFakes());
        List<Account> audience = new ArrayList<>();
        List<Account> ref = new ArrayList<>();
        for (int j = 0; j < audienceHumans; j++) {
          audience.add(humans.get(hIdx[j]));
        }
        for (int j = 0; j < audienceFakes; j++) {
          audience.add(fakes.get(fIdx[j]));
        }
        for (int j = 0; j < refSize - refFakes; j++) {
          ref.add(humans.get(hIdx[audienceHumans + j]));
        }
        for (int j = 0; j < refFakes; j++) {
          ref.add(fakes.get(fIdx[audienceFakes + j]));
        }
        double truth = (double) audienceFakes / o.sampleSize();
        Yardstick y = Yardstick.of(new Reference("twitter", ref, NOW, Reference.Method.FILE, p.name()), estimator.model());
        outcomes.add(new Outcome(REFERENCE, share, truth, estimator.estimate(audience, y, NOW)));
        for (var e : baselines.entrySet()) {
          outcomes.add(new Outcome(e.getKey(), share, truth, e.getValue().estimate(audience, NOW)));
        }
      }
    }
    java.util.Map<String, List<Row>> rows = new java.util.LinkedHashMap<>();
    for (String k : outcomes.stream().map(Outcome::estimator).distinct().toList()) {
      rows.put(k, rows(outcomes.stream().filter(x -> x.estimator().equals(k)).toList(), o.shares()));
    }
    return new Part(p.name(), trainedOn, rows, outcomes);
  }

  private static int[] shuffled(int n, Random random) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  static List<Row> rows(List<Outcome> outcomes, double[] shares) {
    List<Row> rows = new ArrayList<>();
    for (double s : shares) {
      List<Outcome> at = outcomes.stream().filter(x -> x.target() == s).toList();
      List<Outcome> answered = at.stream().filter(x -> !x.estimate().abstained()).toList();
      double err = answered.stream().mapToDouble(x -> Math.abs(x.estimate().share() - x.truth())).average().orElse(Double.NaN);
      double cov = answered.stream().filter(x -> x.estimate().low() <= x.truth() + 1e-9 && x.truth() <= x.estimate().high() + 1e-9)
          .count() / (double) Math.max(1, answered.size());
      double[] widths = answered.stream().mapToDouble(x -> x.estimate().high() - x.estimate().low()).sorted().toArray();
      double median = widths.length == 0 ? Double.NaN : widths[widths.length / 2];
      double max = answered.stream().mapToDouble(x -> x.estimate().share()).max().orElse(Double.NaN);
      rows.add(new Row(s, at.size(), answered.size(), err, cov, median, max));
    }
    return rows;
  }

  /** A table of the parts, in percentage points, as docs/evaluation.md shows it. */
  public static String table(List<Part> parts) {
    StringBuilder sb = new StringBuilder();
    sb.append("| population | estimator | share | audits | answered | mean error | coverage | median width | highest share |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Part p : parts) {
      for (var e : p.rows().entrySet()) {
        for (Row r : e.getValue()) {
        sb.append(String.format(Locale.ROOT, "| %s | %s | %d%% | %d | %d | %.1f | %.0f%% | %.1f | %.1f |%n", p.population(), e.getKey(),
            Math.round(100 * r.share()), r.audits(), r.answered(), 100 * r.meanAbsoluteError(), 100 * r.coverage(),
            100 * r.medianWidth(), 100 * r.maxShare()));
        }
      }
    }
    return sb.toString();
  }
}
