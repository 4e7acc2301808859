package org.influencebot.core.fake.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One calibrated logistic regression for accounts whose {@link #requires() required fields} are known.
 * Each feature is clamped to the range seen in training, standardized, and weighted; a soft feature
 * (avatar, theme, bio) that is unknown adds its own learned {@code missingWeights} term instead.
 * The raw score becomes a probability through Platt's sigmoid {@code 1 / (1 + exp(-(a * logit + b)))}.
 */
public final class SubModel {
  private final String name;
  private final int requires;
  private final Feature[] features;
  private final int[] index;
  private final double[] mean;
  private final double[] sd;
  private final double[] min;
  private final double[] max;
  private final double[] weights;
  private final double[] missingWeights;
  private final double bias;
  private final double plattA;
  private final double plattB;
  private final double threshold;

  public SubModel(String name, int requires, Feature[] features, double[] mean, double[] sd, double[] min,
      double[] max, double[] weights, double[] missingWeights, double bias, double plattA, double plattB,
      double threshold) {
    int n = features.length;
    if (mean.length != n || sd.length != n || min.length != n || max.length != n || weights.length != n
        || missingWeights.length != n) {
      throw new IllegalArgumentException("sub-model " + name + ": arrays of different lengths");
    }
    this.name = name;
    this.requires = requires;
    this.features = features.clone();
    this.index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = features[i].ordinal();
      if (!(sd[i] > 0)) {
        throw new IllegalArgumentException("sub-model " + name + ": feature " + features[i].id() + " has sd " + sd[i]);
      }
    }
    this.mean = mean.clone();
    this.sd = sd.clone();
    this.min = min.clone();
    this.max = max.clone();
    this.weights = weights.clone();
    this.missingWeights = missingWeights.clone();
    this.bias = bias;
    this.plattA = plattA;
    this.plattB = plattB;
    this.threshold = threshold;
  }

  /** Whether this sub-model can score an account with these known {@link Feature.Fields}. */
  public boolean accepts(int knownFields) {
    return (knownFields & requires) == requires;
  }

  /** The uncalibrated score (log-odds before Platt scaling) of a feature vector from {@link Feature#extract}. */
  public double logit(double[] x) {
    double s = bias;
    for (int i = 0; i < index.length; i++) {
      double v = x[index[i]];
      if (v != v) {
        s += missingWeights[i];
      } else {
        s += weights[i] * (clamp(v, i) - mean[i]) / sd[i];
      }
    }
    return s;
  }

  /** The calibrated probability of being fake. */
  public double probability(double[] x) {
    return sigmoid(plattA * logit(x) + plattB);
  }

  /** How much feature {@code i} of this sub-model moved the calibrated log-odds (0 when unknown). */
  double contribution(double[] x, int i) {
    double v = x[index[i]];
    if (v != v) {
      return 0;
    }
    return plattA * weights[i] * (clamp(v, i) - mean[i]) / sd[i];
  }

  /** The message key explaining feature {@code i}'s push, by the side of the average its value lies on. */
  String driverKey(double[] x, int i) {
    double v = x[index[i]];
    return clamp(v, i) < mean[i] ? features[i].lowKey() : features[i].highKey();
  }

  private double clamp(double v, int i) {
    return v < min[i] ? min[i] : (v > max[i] ? max[i] : v);
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  public String name() {
    return name;
  }

  public int requires() {
    return requires;
  }

  public List<Feature> features() {
    return List.of(features);
  }

  int size() {
    return index.length;
  }

  public double threshold() {
    return threshold;
  }

  public double bias() {
    return bias;
  }

  public double plattA() {
    return plattA;
  }

  public double plattB() {
    return plattB;
  }

  double mean(int i) {
    return mean[i];
  }

  double sd(int i) {
    return sd[i];
  }

  double min(int i) {
    return min[i];
  }

  double max(int i) {
    return max[i];
  }

  double weight(int i) {
    return weights[i];
  }

  double missingWeight(int i) {
    return missingWeights[i];
  }

  /** The same sub-model with another threshold. */
  public SubModel withThreshold(double t) {
    return new SubModel(name, requires, features, mean, sd, min, max, weights, missingWeights, bias, plattA,
        plattB, t);
  }

  /** Feature ids with their weights, for documentation and debugging. */
  public List<String> describeWeights() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < features.length; i++) {
      out.add(String.format(java.util.Locale.ROOT, "%s %+.3f (missing %+.3f)", features[i].id(), weights[i],
          missingWeights[i]));
    }
    return out;
  }
}
