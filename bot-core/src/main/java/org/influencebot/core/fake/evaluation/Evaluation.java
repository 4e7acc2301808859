package org.influencebot.core.fake.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.Folds;
import org.influencebot.core.fake.model.ModelTrainer;

/**
 * Evaluates the fake-account model and the published rules on the same labeled accounts: a given
 * model on a file, seeded stratified cross-validation within a file, or training on one file and
 * testing on another; optionally with profile fields hidden from the test accounts.
 */
public final class Evaluation {
  private Evaluation() {}

  /** One detector's figures, with the published ones where the detector has them. */
  public record Row(String detector, BinaryMetrics metrics, double[] paper) {}

  /**
   * @param notEnoughEvidence test accounts the model declined to judge (counted as human, P = 0.5)
   */
  public record Report(String title, BinaryMetrics model, int notEnoughEvidence, List<Row> rules) {
    public String toJson() {
      ObjectMapper m = new ObjectMapper();
      ObjectNode o = m.createObjectNode();
      o.put("n", model.n());
      o.put("accuracy", model.accuracy());
      o.put("precision", model.precision());
      o.put("recall", model.recall());
      o.put("f1", model.f1());
      o.put("mcc", model.mcc());
      o.put("auc", model.auc());
      o.put("brier", model.brier());
      return o.toString();
    }

    /** A plain-text table: the model, then each rule, with the paper's figures on the line below. */
    public String toTable() {
      StringBuilder sb = new StringBuilder();
      sb.append(title).append('\n');
      sb.append(String.format(Locale.ROOT, "%-52s %5s %6s %6s %6s %6s %6s %6s %6s %6s%n", "detector", "n", "acc",
          "prec", "recall", "F1", "MCC", "AUC", "Brier", "FPR"));
      line(sb, "model", model);
      for (Row r : rules) {
        line(sb, r.detector(), r.metrics());
        double[] p = r.paper();
        boolean any = false;
        for (double v : p) {
          any |= !Double.isNaN(v);
        }
        if (any) {
          sb.append(String.format(Locale.ROOT, "%-52s %5s %6s %6s %6s %6s %6s%n", "  (paper, their balanced set)", "",
              f(p[0]), f(p[1]), f(p[2]), f(p[3]), f(p[4])));
        }
      }
      sb.append(String.format(Locale.ROOT, "%-52s %s%n", "  (paper) random forest, 19 profile features",
          "acc 0.987 prec 0.993 recall 0.980 F1 0.987 MCC 0.967 (CV); MCC 0.862 on unseen followers"));
      sb.append("FPR = share of humans called fake. Model accounts without enough evidence: ").append(notEnoughEvidence)
          .append(" (counted as human).\n");
      return sb.toString();
    }

    private static void line(StringBuilder sb, String name, BinaryMetrics m) {
      sb.append(String.format(Locale.ROOT, "%-52s %5d %6s %6s %6s %6s %6s %6s %6s %6s%n", name, m.n(), f(m.accuracy()),
          f(m.precision()), f(m.recall()), f(m.f1()), f(m.mcc()), f(m.auc()), f(m.brier()), f(m.humanFlagRate())));
    }

    private static String f(double v) {
      return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
  }

  /** Scores {@code test} with a trained model (and the rules). */
  public static Report evaluate(FakeModel model, Dataset test, String title) {
    int n = test.size();
    double[] p = new double[n];
    boolean[] fake = new boolean[n];
    int declined = 0;
    for (int i = 0; i < n; i++) {
      FakeAssessment a = model.assess(test.accounts().get(i), now(test.accounts().get(i)));
      if (!a.enoughEvidence()) {
        declined++;
      }
      p[i] = a.enoughEvidence() ? a.fakeProbability() : 0.5;
      fake[i] = a.looksFake();
    }
    return report(title, test, p, fake, declined);
  }

  /** Seeded stratified k-fold cross-validation within one file; out-of-fold predictions pooled. */
  public static Report crossValidate(Dataset d, int folds, long seed, int dropFields, ModelTrainer.Options o) {
    int[] fold = Folds.stratified(d.labels(), folds, seed);
    Dataset tested = d.drop(dropFields);
    int n = d.size();
    double[] p = new double[n];
    boolean[] fake = new boolean[n];
    int declined = 0;
    for (int k = 0; k < folds; k++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        (fold[i] == k ? te : tr).add(i);
      }
      Dataset train = d.subset(tr.stream().mapToInt(Integer::intValue).toArray(), d.name());
      Dataset test = tested.subset(te.stream().mapToInt(Integer::intValue).toArray(), d.name());
      FakeModel m = ModelTrainer.train(train, o, ModelTrainer.specsFor(test.accounts()), "cv", null);
      for (int j = 0; j < te.size(); j++) {
        Account a = test.accounts().get(j);
        FakeAssessment fa = m.assess(a, now(a));
        int i = te.get(j);
        if (!fa.enoughEvidence()) {
          declined++;
        }
        p[i] = fa.enoughEvidence() ? fa.fakeProbability() : 0.5;
        fake[i] = fa.looksFake();
      }
    }
    String title = String.format(Locale.ROOT, "%s: %d-fold stratified cross-validation, seed %d%s", d.name(), folds,
        seed, dropped(dropFields));
    return report(title, tested, p, fake, declined);
  }

  /** Trains on one file and tests on another. */
  public static Report crossFile(Dataset train, Dataset test, int dropFields, ModelTrainer.Options o) {
    Dataset tested = test.drop(dropFields);
    FakeModel m = ModelTrainer.train(train, o, ModelTrainer.specsFor(tested.accounts()), "cross", null);
    return evaluate(m, tested, String.format(Locale.ROOT, "trained on %s (seed %d), tested on %s%s", train.name(),
        o.seed(), test.name(), dropped(dropFields)));
  }

  static String dropped(int fields) {
    return fields == 0 ? "" : ", test accounts without " + Feature.Fields.describe(fields);
  }

  private static long now(Account a) {
    // An account without observed_at is scored as of a fixed instant (2023-11-14), so that evaluations repeat.
    return a.observedAt().map(java.time.Instant::getEpochSecond).orElse(1_700_000_000L);
  }

  static Report report(String title, Dataset test, double[] p, boolean[] fake, int declined) {
    int[] y = test.labels();
    BinaryMetrics model = BinaryMetrics.compute(y, fake, p, p);
    List<Row> rows = new ArrayList<>();
    for (PublishedRule r : PublishedRule.values()) {
      int n = y.length;
      double[] s = new double[n];
      boolean[] f = new boolean[n];
      double[] q = new double[n];
      for (int i = 0; i < n; i++) {
        Account a = test.accounts().get(i);
        s[i] = r.score(a, now(a));
        f[i] = r.fake(s[i]);
        q[i] = f[i] ? 1 : 0;
      }
      rows.add(new Row(r.label(), BinaryMetrics.compute(y, f, s, q), r.paperFigures()));
    }
    return new Report(title, model, declined, rows);
  }
}
