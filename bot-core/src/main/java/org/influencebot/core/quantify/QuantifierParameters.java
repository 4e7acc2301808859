package org.influencebot.core.quantify;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;

/**
 * What the share estimator knows besides the model: the model's score distributions per class on
 * accounts it did not see, one {@link ScoreReference} per training population, and the training accounts
 * that {@link OutOfDistribution} measures distances to. Written by {@link QuantifierTrainer}, shipped as
 * {@value #RESOURCE}.
 */
public record QuantifierParameters(String version, List<String> subModels, List<ScoreReference> populations,
    OutOfDistribution outOfDistribution, ObjectNode provenance) {
  public static final String RESOURCE = "/org/influencebot/core/quantify/quantifier-v1.json";
  public static final String FORMAT = "influence-bot/quantifier";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static volatile QuantifierParameters shipped;

  public QuantifierParameters {
    if (populations.isEmpty()) {
      throw new IllegalArgumentException("quantifier parameters need at least one population");
    }
    subModels = List.copyOf(subModels);
    populations = List.copyOf(populations);
    for (ScoreReference p : populations) {
      if (p.subModels() != subModels.size()) {
        throw new IllegalArgumentException("quantifier parameters: population " + p.name() + " lacks sub-models");
      }
    }
    provenance = provenance == null ? JsonNodeFactory.instance.objectNode() : provenance.deepCopy();
  }

  /** The shipped parameters, loaded once. */
  public static QuantifierParameters loadDefault() {
    QuantifierParameters p = shipped;
    if (p == null) {
      synchronized (QuantifierParameters.class) {
        p = shipped;
        if (p == null) {
          try (InputStream in = QuantifierParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("quantifier resource missing from the class path: " + RESOURCE);
            }
            p = fromJson(JSON.readTree(in));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
          shipped = p;
        }
      }
    }
    return p;
  }

  public static QuantifierParameters read(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a quantifier file: " + e.getOriginalMessage(), e);
    }
  }

  static QuantifierParameters fromJson(JsonNode root) {
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("not a quantifier file: \"format\" must be \"" + FORMAT + "\"");
    }
    List<String> subNames = new ArrayList<>();
    root.path("sub_models").forEach(n -> subNames.add(n.asText()));
    List<ScoreReference> pops = new ArrayList<>();
    for (JsonNode p : root.path("populations")) {
      int n = p.path("sub_models").size();
      long[][] h = new long[n][];
      long[][] f = new long[n][];
      double[] hs = new double[n];
      double[] fs = new double[n];
      for (int i = 0; i < n; i++) {
        JsonNode s = p.path("sub_models").get(i);
        h[i] = longs(s.path("humans"));
        f[i] = longs(s.path("fakes"));
        hs[i] = number(s, "human_score_sum");
        fs[i] = number(s, "fake_score_sum");
      }
      pops.add(new ScoreReference(p.path("name").asText(), h, f, hs, fs));
    }
    JsonNode o = root.path("out_of_distribution");
    List<String> names = new ArrayList<>();
    o.path("features").forEach(n -> names.add(n.asText()));
    List<String> expected = new ArrayList<>();
    for (Feature f : OutOfDistribution.FEATURES) {
      expected.add(f.id());
    }
    if (!names.equals(expected) || o.path("k").asInt() != OutOfDistribution.K) {
      throw new IllegalArgumentException("quantifier file: out_of_distribution was made for other features or k");
    }
    JsonNode ref = o.path("reference");
    double[][] r = new double[ref.size()][];
    for (int i = 0; i < r.length; i++) {
      r[i] = doubles(ref.get(i));
    }
    OutOfDistribution ood = new OutOfDistribution(doubles(o.path("mean")), doubles(o.path("sd")), r,
        number(o, "threshold"));
    JsonNode prov = root.path("provenance");
    return new QuantifierParameters(root.path("version").asText(), subNames, pops, ood,
        prov.isObject() ? (ObjectNode) prov : null);
  }

  /** The file, numbers rounded as {@link FakeModel#round} (reference accounts to 6 digits), so re-training writes the same bytes. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", version);
    root.put("bins", "fake-score bin edges " + java.util.Arrays.toString(ScoreReference.EDGES));
    ArrayNode names = root.putArray("sub_models");
    subModels.forEach(names::add);
    ArrayNode pops = root.putArray("populations");
    for (ScoreReference p : populations) {
      ObjectNode po = pops.addObject();
      po.put("name", p.name());
      ArrayNode subs = po.putArray("sub_models");
      for (int i = 0; i < p.subModels(); i++) {
        ObjectNode o = subs.addObject();
        o.put("name", subModels.get(i));
        ArrayNode h = o.putArray("humans");
        for (long v : p.humans()[i]) {
          h.add(v);
        }
        ArrayNode f = o.putArray("fakes");
        for (long v : p.fakes()[i]) {
          f.add(v);
        }
        o.put("human_score_sum", FakeModel.round(p.humanScoreSum()[i]));
        o.put("fake_score_sum", FakeModel.round(p.fakeScoreSum()[i]));
      }
    }
    ObjectNode o = root.putObject("out_of_distribution");
    ArrayNode fs = o.putArray("features");
    for (Feature f : OutOfDistribution.FEATURES) {
      fs.add(f.id());
    }
    o.put("k", OutOfDistribution.K);
    o.put("threshold", FakeModel.round(outOfDistribution.threshold()));
    ArrayNode mean = o.putArray("mean");
    for (double v : outOfDistribution.mean()) {
      mean.add(FakeModel.round(v));
    }
    ArrayNode sd = o.putArray("sd");
    for (double v : outOfDistribution.sd()) {
      sd.add(FakeModel.round(v));
    }
    ArrayNode ref = o.putArray("reference");
    for (double[] z : outOfDistribution.reference()) {
      ArrayNode row = ref.addArray();
      for (double v : z) {
        if (v == v) {
          row.add(compact(v));
        } else {
          row.addNull();
        }
      }
    }
    root.set("provenance", provenance.deepCopy());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree always serializes", e);
    }
  }

  /** A reference coordinate rounded to 6 significant digits. */
  static BigDecimal compact(double v) {
    if (v == 0) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
  }

  /** All populations pooled. */
  public ScoreReference pooled() {
    return ScoreReference.pool("pooled", populations);
  }

  private static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = a.get(i);
      out[i] = v.isNull() ? Double.NaN : v.doubleValue();
    }
    return out;
  }

  private static double number(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("quantifier file: \"" + key + "\" must be a number");
    }
    return v.doubleValue();
  }
}
