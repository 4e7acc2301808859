package org.influencebot.core.quantify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.evaluation.ShippedModel;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.Folds;
import org.influencebot.core.fake.model.ModelTrainer;
import org.influencebot.core.fake.model.SubModel;

/**
 * Builds {@link QuantifierParameters} from labeled files: the model's out-of-fold scores (a model
 * trained like the shipped one on the other folds of all files together scores each account), binned
 * per file and class; and the out-of-distribution reference drawn from every training account.
 * Deterministic for the same files and seed.
 */
public final class QuantifierTrainer {
  public static final String VERSION = "quantifier-v1";
  /**
   * The labeled populations whose score distributions the shipped parameters hold: 2015's and 2017's, for
   * X/Twitter without a reference sample. Not the stock-2018 file, whose humans and bots a model trained
   * without it cannot rank apart (held-out AUC 0.60): its humans would teach the estimator that people score
   * like bots. Files of one label have no score distribution of the other class.
   */
  public static final List<String> DEFAULT_FILES = List.of("twitter-cresci-2015.jsonl", "twitter-cresci-2017-sample.jsonl");
  public static final int FOLDS = 5;
  /** Training accounts kept as the out-of-distribution reference (the rest calibrate its threshold). */
  public static final int REFERENCE_SIZE = 400;

  private QuantifierTrainer() {}

  /**
   * The shipped parameters: trained on these labeled files with the model's default options, with
   * provenance (date, seed, command, each file's digest and counts). Deterministic for the same files,
   * seed and date.
   */
  public static QuantifierParameters shipped(List<Path> files, long seed, String created) throws IOException {
    ObjectNode prov = JsonNodeFactory.instance.objectNode();
    prov.put("created", created);
    prov.put("seed", seed);
    prov.put("command", "influence-bot train-quantifier --output bot-core/src/main/resources"
        + QuantifierParameters.RESOURCE + " --seed " + seed + " --created " + created);
    prov.put("scores", "out-of-fold: " + FOLDS + "-fold stratified over the populations' files together, each fold scored "
        + "by every sub-model of a model trained (ModelTrainer defaults) on the other folds and on every other file given, "
        + "as the shipped model is trained on all of them");
    prov.put("out_of_distribution", REFERENCE_SIZE + " training accounts at random; threshold: the distance that "
        + Math.round(100 * (1 - OutOfDistribution.TRAINING_OUTSIDE)) + "% of the other training accounts stay within");
    ArrayNode ds = prov.putArray("datasets");
    List<Dataset> sets = new ArrayList<>();
    List<Dataset> others = new ArrayList<>();
    for (Path f : files) {
      Dataset d = Dataset.read(f);
      boolean population = DEFAULT_FILES.contains(d.name()) && d.fakes() > 0 && d.fakes() < d.size();
      (population ? sets : others).add(d);
      ObjectNode e = ds.addObject();
      e.put("role", population ? "population" : "training only");
      e.put("file", d.name());
      e.put("sha256", ShippedModel.sha256(f));
      e.put("accounts", d.size());
      e.put("human", d.size() - d.fakes());
      e.put("fake", d.fakes());
    }
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("train-quantifier needs " + DEFAULT_FILES + " among its files");
    }
    return train(sets, others, ModelTrainer.Options.defaults(seed), prov);
  }

  /** As {@link #train(List, List, ModelTrainer.Options, ObjectNode)} with no file for training only. */
  public static QuantifierParameters train(List<Dataset> files, ModelTrainer.Options o, ObjectNode provenance) {
    return train(files, List.of(), o, provenance);
  }

  /**
   * Score distributions of each population of {@code files} (both labels each) under models trained on the other
   * folds of those files and on all of {@code alsoTrainedOn}, as the model they serve is trained on all of them.
   */
  public static QuantifierParameters train(List<Dataset> files, List<Dataset> alsoTrainedOn, ModelTrainer.Options o,
      ObjectNode provenance) {
    Dataset all = Dataset.concat(files, "all");
    int[] fold = Folds.stratified(all.labels(), FOLDS, o.seed());
    int subs = ModelTrainer.SPECS.size();
    // score[i][s]: sub-model s of the model not trained on account i (NaN when it cannot score it).
    double[][] score = new double[all.size()][subs];
    double[] x = new double[Feature.COUNT];
    for (int k = 0; k < FOLDS; k++) {
      List<Integer> tr = new ArrayList<>();
      List<Integer> te = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        (fold[i] == k ? te : tr).add(i);
      }
      List<Dataset> parts = new ArrayList<>(alsoTrainedOn);
      parts.add(all.subset(tr.stream().mapToInt(Integer::intValue).toArray(), "fold"));
      Dataset train = Dataset.concat(parts, "fold");
      List<SubModel> m = ModelTrainer.train(train, o, "oof", null).subModels();
      for (int i : te) {
        int known = Feature.extract(all.accounts().get(i), 0, x);
        for (int s = 0; s < subs; s++) {
          score[i][s] = m.get(s).accepts(known) ? m.get(s).probability(x) : Double.NaN;
        }
      }
    }
    List<ScoreReference> pops = new ArrayList<>();
    int offset = 0;
    for (Dataset d : files) {
      long[][] h = new long[subs][ScoreReference.BINS];
      long[][] f = new long[subs][ScoreReference.BINS];
      double[] hs = new double[subs];
      double[] fs = new double[subs];
      for (int i = 0; i < d.size(); i++) {
        for (int s = 0; s < subs; s++) {
          double p = score[offset + i][s];
          if (p != p) {
            continue;
          }
          if (d.labels()[i] == 1) {
            f[s][ScoreReference.bin(p)]++;
            fs[s] += p;
          } else {
            h[s][ScoreReference.bin(p)]++;
            hs[s] += p;
          }
        }
      }
      for (int s = 0; s < subs; s++) {
        hs[s] = FakeModel.round(hs[s]).doubleValue();
        fs[s] = FakeModel.round(fs[s]).doubleValue();
      }
      pops.add(new ScoreReference(d.name(), h, f, hs, fs));
      offset += d.size();
    }
    List<String> names = ModelTrainer.SPECS.stream().map(ModelTrainer.Spec::name).toList();
    return new QuantifierParameters(VERSION, names, pops, outOfDistribution(all.accounts(), o.seed()), provenance);
  }

  /** Standardizes every account, keeps {@link #REFERENCE_SIZE} at random, and sets the threshold on the others. */
  static OutOfDistribution outOfDistribution(List<Account> accounts, long seed) {
    int d = OutOfDistribution.FEATURES.length;
    double[][] raw = new double[accounts.size()][d];
    double[] x = new double[Feature.COUNT];
    for (int i = 0; i < accounts.size(); i++) {
      Feature.extract(ModelTrainer.forTraining(accounts.get(i)), 0, x);
      for (int j = 0; j < d; j++) {
        raw[i][j] = x[OutOfDistribution.FEATURES[j].ordinal()];
      }
    }
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      double q = 0;
      int n = 0;
      for (double[] r : raw) {
        if (r[j] == r[j]) {
          s += r[j];
          q += r[j] * r[j];
          n++;
        }
      }
      mean[j] = n == 0 ? 0 : s / n;
      double var = n == 0 ? 1 : q / n - mean[j] * mean[j];
      sd[j] = var > 1e-12 ? Math.sqrt(var) : 1;
      mean[j] = FakeModel.round(mean[j]).doubleValue();
      sd[j] = FakeModel.round(sd[j]).doubleValue();
    }
    Integer[] order = new Integer[accounts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Collections.shuffle(Arrays.asList(order), new Random(seed ^ 0x00D15EA5EL));
    int r = Math.min(REFERENCE_SIZE, order.length / 2);
    double[][] ref = new double[r][d];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < d; j++) {
        double v = (raw[order[i]][j] - mean[j]) / sd[j];
        ref[i][j] = v == v ? QuantifierParameters.compact(v).doubleValue() : Double.NaN;
      }
    }
    double[] dist = new double[order.length - r];
    double[] z = new double[d];
    for (int i = r; i < order.length; i++) {
      for (int j = 0; j < d; j++) {
        z[j] = (raw[order[i]][j] - mean[j]) / sd[j];
      }
      dist[i - r] = OutOfDistribution.distance(z, ref, -1);
    }
    Arrays.sort(dist);
    double threshold = dist[(int) Math.ceil((1 - OutOfDistribution.TRAINING_OUTSIDE) * dist.length) - 1];
    return new OutOfDistribution(mean, sd, ref, FakeModel.round(threshold).doubleValue());
  }
}
