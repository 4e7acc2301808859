package org.influencebot.core.fake.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.ModelTrainer;
import org.influencebot.core.fake.model.SubModel;

/**
 * Builds the shipped model file: trained on all the labeled files together, with each sub-model's
 * threshold raised until no more than 2% of the humans of each file are flagged by a model trained on
 * the <em>other</em> file (the "unseen data" rule of docs/methods.md), and with the cross-validation and
 * cross-file figures recorded as provenance. Deterministic for the same files, seed and date.
 */
public final class ShippedModel {
  public static final String VERSION = "fake-model-v1";
  /** The seven labeled populations of {@code shared/datasets} (docs/evaluation.md). */
  public static final List<String> DEFAULT_FILES = List.of("twitter-cresci-2015.jsonl", "twitter-cresci-2017-sample.jsonl",
      "twitter-cresci-stock-2018.jsonl", "twitter-verified-2019-humans.jsonl", "twitter-cresci-2017-fake-followers.jsonl",
      "twitter-cresci-2017-spambots.jsonl", "twitter-bot-repository-2019-bots.jsonl");
  public static final long DEFAULT_SEED = 42;
  /** Below this held-out AUC a file's humans do not set the threshold (see {@link #build}). */
  public static final double MIN_HELD_OUT_AUC = 0.7;

  private ShippedModel() {}

  /**
   * @param files labeled JSONL files (at least one; with two or more, thresholds use cross-file checks)
   * @param created the date recorded in the file (part of its bytes, so pass the same one to reproduce it)
   */
  public static FakeModel build(List<Path> files, long seed, String created) throws IOException {
    ModelTrainer.Options o = ModelTrainer.Options.defaults(seed);
    List<Dataset> sets = new ArrayList<>();
    ObjectNode prov = JsonNodeFactory.instance.objectNode();
    prov.put("created", created);
    prov.put("seed", seed);
    prov.put("command", "influence-bot train --output bot-core/src/main/resources/org/influencebot/core/fake/model/"
        + "fake-model-v1.json --seed " + seed + " --created " + created);
    ArrayNode ds = prov.putArray("datasets");
    for (Path f : files) {
      Dataset d = Dataset.read(f);
      sets.add(d);
      ObjectNode e = ds.addObject();
      e.put("file", d.name());
      e.put("sha256", sha256(f));
      e.put("accounts", d.size());
      e.put("human", d.size() - d.fakes());
      e.put("fake", d.fakes());
    }
    prov.put("citation", "Cresci et al. 2015, Fame for sale (Decision Support Systems 80); Cresci et al. 2017, "
        + "The paradigm-shift of social spambots (WWW'17 companion); Cresci et al. 2019, Cashtag piggybacking (ACM TWEB); "
        + "Yang et al. 2020, Scalable and generalizable social bot detection through data selection (AAAI), Bot Repository");
    ObjectNode opts = prov.putObject("options");
    opts.put("l2_lambda", o.lambda());
    opts.put("calibration", "Platt, on " + o.calibrationFolds() + "-fold out-of-fold scores");
    opts.put("soft_field_dropout", o.softDropout());
    opts.put("max_human_flag_rate", o.maxHumanFlagRate());
    ArrayNode fl = prov.putArray("features");
    for (Feature f : Feature.values()) {
      fl.add(f.id());
    }

    Dataset all = Dataset.concat(sets, "all");
    FakeModel combined = ModelTrainer.train(all, o, VERSION, null);
    List<SubModel> subs = new ArrayList<>(combined.subModels());
    double[] chosen = new double[subs.size()];
    ObjectNode th = prov.putObject("thresholds");
    for (int s = 0; s < subs.size(); s++) {
      chosen[s] = subs.get(s).threshold();
      th.putObject(subs.get(s).name()).put("out_of_fold_all_files", subs.get(s).threshold());
    }
    // Files of one label serve the training; thresholds and figures need humans (and fakes) of a file.
    List<Dataset> withHumans = sets.stream().filter(d -> d.fakes() < d.size()).toList();
    List<Dataset> bothLabels = withHumans.stream().filter(d -> d.fakes() > 0).toList();
    for (Dataset d : withHumans) {
      // Floor: the combined model itself flags at most the allowed share of each file's humans.
      for (int s = 0; s < subs.size(); s++) {
        double t = ModelTrainer.threshold(humanProbabilities(subs.get(s), d), o.maxHumanFlagRate());
        ((ObjectNode) th.get(subs.get(s).name())).put("in_sample_humans_of_" + d.name(), t);
        chosen[s] = Math.max(chosen[s], t);
      }
    }
    for (Dataset test : withHumans) {
      // A model that never saw this file, as the bot meets accounts of populations it was not trained on.
      List<Dataset> others = sets.stream().filter(d -> d != test).toList();
      FakeModel mi = ModelTrainer.train(Dataset.concat(others, "others"), o, "cross", null);
      // A population whose humans and fakes such a model cannot rank apart (held-out AUC under 0.7) would
      // set a threshold that flags nothing anywhere: recorded, not used (its verdicts need a reference).
      double auc = test.fakes() > 0 ? Evaluation.evaluate(mi, test, "held out").model().auc() : 1;
      for (int s = 0; s < subs.size(); s++) {
        SubModel sm = mi.subModels().get(s);
        double t = ModelTrainer.threshold(humanProbabilities(sm, test), o.maxHumanFlagRate());
        ObjectNode entry = (ObjectNode) th.get(sm.name());
        entry.put("trained_without_" + test.name() + "_humans_of_it", t);
        if (auc >= MIN_HELD_OUT_AUC) {
          chosen[s] = Math.max(chosen[s], t);
        } else {
          entry.put("not_used_" + test.name() + "_held_out_auc", FakeModel.round(auc));
        }
      }
    }
    for (int s = 0; s < subs.size(); s++) {
      ((ObjectNode) th.get(subs.get(s).name())).put("chosen", chosen[s]);
      subs.set(s, subs.get(s).withThreshold(chosen[s]));
    }
    prov.put("threshold_rule", "per sub-model, the highest of: the out-of-fold threshold on all files, the threshold at which "
        + "the model flags at most that share of each file's humans, and, for each "
        + "file holding humans, the threshold at which a model trained on all the other files flags at most "
        + o.maxHumanFlagRate() + " of its humans, unless that model ranks the file's humans and fakes apart with an AUC under "
        + MIN_HELD_OUT_AUC);

    ObjectNode metrics = prov.putObject("metrics");
    int drop = Feature.Fields.parse("likes,listed,created_at");
    for (Dataset d : bothLabels) {
      metrics.set("cv10_" + d.name(), summary(Evaluation.crossValidate(d, 10, seed, 0, o).model()));
    }
    for (Dataset a : bothLabels) {
      for (Dataset b : bothLabels) {
        if (a != b) {
          metrics.set("train_" + a.name() + "_test_" + b.name(), summary(Evaluation.crossFile(a, b, 0, o).model()));
          metrics.set("train_" + a.name() + "_test_" + b.name() + "_without_likes_listed_created_at",
              summary(Evaluation.crossFile(a, b, drop, o).model()));
        }
      }
    }
    return new FakeModel(VERSION, subs, prov).roundTrip();
  }

  /** The sub-model's probabilities for the humans of a file (scored on the sub-model's own fields). */
  static double[] humanProbabilities(SubModel sm, Dataset d) {
    List<Double> hp = new ArrayList<>();
    double[] x = new double[Feature.COUNT];
    for (int k = 0; k < d.size(); k++) {
      if (d.labels()[k] == 0) {
        Feature.extract(d.accounts().get(k), 0, x);
        hp.add(sm.probability(x));
      }
    }
    return hp.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static ObjectNode summary(BinaryMetrics m) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("n", m.n());
    o.put("accuracy", FakeModel.round(m.accuracy()));
    o.put("precision", FakeModel.round(Double.isNaN(m.precision()) ? 0 : m.precision()));
    o.put("recall", FakeModel.round(m.recall()));
    o.put("f1", FakeModel.round(m.f1()));
    o.put("mcc", FakeModel.round(m.mcc()));
    o.put("auc", FakeModel.round(m.auc()));
    o.put("brier", FakeModel.round(m.brier()));
    o.put("human_flag_rate", FakeModel.round(m.humanFlagRate()));
    return o;
  }

  public static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** {@code <shared.dir>/datasets/} with the default files. */
  public static List<Path> defaultFiles(Path sharedDir) {
    List<Path> out = new ArrayList<>();
    for (String f : DEFAULT_FILES) {
      out.add(sharedDir.resolve("datasets").resolve(f));
    }
    return out;
  }
}
