package org.influencebot.core.fake.model;

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
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.FakeScorer;

/**
 * The trained fake-account scorer: calibrated P(fake) from profile fields only. It holds one
 * {@link SubModel} per set of known fields, richest first, and scores each account with the first
 * sub-model whose required fields it has; an account without followers, following and posts gets
 * {@link FakeAssessment#notEnoughEvidence()}. Thread-safe; scoring allocates only the result.
 */
public final class FakeModel implements FakeScorer {
  /** The shipped parameters, on the class path. */
  public static final String RESOURCE = "/org/influencebot/core/fake/model/fake-model-v1.json";
  public static final String FORMAT = "influence-bot/fake-model";

  private static final ObjectMapper JSON = new ObjectMapper()
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private static final ThreadLocal<double[]> SCRATCH = ThreadLocal.withInitial(() -> new double[Feature.COUNT]);
  private static volatile FakeModel shipped;

  private final String version;
  private final SubModel[] subModels;
  private final ObjectNode provenance;

  public FakeModel(String version, List<SubModel> subModels, ObjectNode provenance) {
    if (subModels.isEmpty()) {
      throw new IllegalArgumentException("a model needs at least one sub-model");
    }
    this.version = version;
    this.subModels = subModels.toArray(new SubModel[0]);
    this.provenance = provenance == null ? JsonNodeFactory.instance.objectNode() : provenance.deepCopy();
  }

  /** The model shipped with the project ({@value #RESOURCE}), loaded once. */
  public static FakeModel loadDefault() {
    FakeModel m = shipped;
    if (m == null) {
      synchronized (FakeModel.class) {
        m = shipped;
        if (m == null) {
          try (InputStream in = FakeModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("model resource missing from the class path: " + RESOURCE);
            }
            m = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
          shipped = m;
        }
      }
    }
    return m;
  }

  @Override
  public String name() {
    return version;
  }

  public List<SubModel> subModels() {
    return List.of(subModels);
  }

  public ObjectNode provenance() {
    return provenance.deepCopy();
  }

  /** The sub-model that would score an account with these known fields, or null when too little is known. */
  public SubModel subModelFor(int knownFields) {
    for (SubModel s : subModels) {
      if (s.accepts(knownFields)) {
        return s;
      }
    }
    return null;
  }

  /** P(fake), or NaN when too little is known. Allocates nothing. */
  public double probability(Account a) {
    return probability(a, System.currentTimeMillis() / 1000);
  }

  /** P(fake) with {@code nowEpochSecond} standing for a missing {@code observed_at}; NaN when too little is known. */
  public double probability(Account a, long nowEpochSecond) {
    double[] x = SCRATCH.get();
    SubModel s = subModelFor(Feature.extract(a, nowEpochSecond, x));
    return s == null ? Double.NaN : s.probability(x);
  }

  @Override
  public FakeAssessment assess(Account a) {
    return assess(a, System.currentTimeMillis() / 1000);
  }

  public FakeAssessment assess(Account a, long nowEpochSecond) {
    double[] x = SCRATCH.get();
    SubModel s = subModelFor(Feature.extract(a, nowEpochSecond, x));
    if (s == null) {
      return FakeAssessment.notEnoughEvidence();
    }
    double p = s.probability(x);
    // The three largest pushes toward "fake", one per message key.
    int n = s.size();
    String k1 = null;
    String k2 = null;
    String k3 = null;
    double c1 = 0;
    double c2 = 0;
    double c3 = 0;
    for (int i = 0; i < n; i++) {
      double c = s.contribution(x, i);
      if (c <= c3) {
        continue;
      }
      String k = s.driverKey(x, i);
      if (k == null) {
        continue;
      }
      if (k.equals(k1)) {
        if (c > c1) {
          c1 = c;
        }
        continue;
      }
      if (k.equals(k2)) {
        if (c > c2) {
          c2 = c;
          if (c2 > c1) {
            String t = k1; k1 = k2; k2 = t;
            double u = c1; c1 = c2; c2 = u;
          }
        }
        continue;
      }
      // k3 is replaced below, even when k equals k3.
      if (c > c1) {
        k3 = k2; c3 = c2; k2 = k1; c2 = c1; k1 = k; c1 = c;
      } else if (c > c2) {
        k3 = k2; c3 = c2; k2 = k; c2 = c;
      } else {
        k3 = k; c3 = c;
      }
    }
    List<String> drivers = k1 == null ? List.of() : k2 == null ? List.of(k1) : k3 == null ? List.of(k1, k2)
        : List.of(k1, k2, k3);
    return new FakeAssessment(p, true, p >= s.threshold(), drivers);
  }

  // ------------------------------------------------------------------ the model file

  public static FakeModel read(InputStream in) throws IOException {
    return fromJson(JSON.readTree(in));
  }

  public static FakeModel read(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a model file: " + e.getOriginalMessage(), e);
    }
  }

  static FakeModel fromJson(JsonNode root) {
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException("not a model file: \"format\" must be \"" + FORMAT + "\"");
    }
    List<SubModel> subs = new ArrayList<>();
    for (JsonNode s : root.path("sub_models")) {
      JsonNode fs = s.path("features");
      int n = fs.size();
      Feature[] f = new Feature[n];
      double[] mean = new double[n];
      double[] sd = new double[n];
      double[] min = new double[n];
      double[] max = new double[n];
      double[] w = new double[n];
      double[] wm = new double[n];
      for (int i = 0; i < n; i++) {
        JsonNode e = fs.get(i);
        f[i] = Feature.byId(e.path("name").asText());
        mean[i] = number(e, "mean");
        sd[i] = number(e, "sd");
        min[i] = number(e, "min");
        max[i] = number(e, "max");
        w[i] = number(e, "weight");
        wm[i] = number(e, "missing_weight");
      }
      subs.add(new SubModel(s.path("name").asText(), Feature.Fields.parse(s.path("requires").asText()), f, mean, sd,
          min, max, w, wm, number(s, "bias"), number(s, "platt_a"), number(s, "platt_b"), number(s, "threshold")));
    }
    JsonNode prov = root.path("provenance");
    return new FakeModel(root.path("version").asText(), subs, prov.isObject() ? (ObjectNode) prov : null);
  }

  private static double number(JsonNode node, String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("model file: \"" + key + "\" must be a number");
    }
    return v.doubleValue();
  }

  /** The model file: parameters rounded to 12 significant digits, so that a re-training writes the same bytes. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", version);
    root.put("model", "one L2-regularized logistic regression per set of known fields, Platt-calibrated");
    ArrayNode subs = root.putArray("sub_models");
    for (SubModel s : subModels) {
      ObjectNode o = subs.addObject();
      o.put("name", s.name());
      o.put("requires", Feature.Fields.describe(s.requires()));
      o.put("bias", round(s.bias()));
      o.put("platt_a", round(s.plattA()));
      o.put("platt_b", round(s.plattB()));
      o.put("threshold", round(s.threshold()));
      ArrayNode fs = o.putArray("features");
      for (int i = 0; i < s.size(); i++) {
        ObjectNode e = fs.addObject();
        e.put("name", s.features().get(i).id());
        e.put("mean", round(s.mean(i)));
        e.put("sd", round(s.sd(i)));
        e.put("min", round(s.min(i)));
        e.put("max", round(s.max(i)));
        e.put("weight", round(s.weight(i)));
        e.put("missing_weight", round(s.missingWeight(i)));
      }
    }
    root.set("provenance", provenance.deepCopy());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot happen: a tree always serializes", e);
    }
  }

  /** Rounds to 12 significant digits (and -0 to 0), the precision of the model file. */
  public static BigDecimal round(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    if (v == 0) {
      return BigDecimal.ZERO;
    }
    return new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
  }

  /** The same model with its parameters rounded as in the file, so that a fresh model scores like a loaded one. */
  public FakeModel roundTrip() {
    return read(toJson());
  }
}
