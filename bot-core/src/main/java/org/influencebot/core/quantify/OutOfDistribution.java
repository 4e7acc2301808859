package org.influencebot.core.quantify;

import java.util.Arrays;
import org.influencebot.core.fake.model.Feature;

/**
 * Whether an account lies outside what the model was trained on: its distance to the {@code k}-th
 * nearest of a fixed set of training accounts, in the model's features standardized by the training
 * mean and standard deviation, against the distance that {@code 1 - }{@link #TRAINING_OUTSIDE} of other
 * training accounts stay within. Only the account's known features count (scaled to all features), so a
 * network that shows fewer fields is not, for that alone, outside.
 */
public final class OutOfDistribution {
  /**
   * The features compared: every count, ratio and rate, age and bio length (not the one-sided rules).
   * The avatar is left out: nearly every training account has one, so its standardized difference would
   * make one flag outweigh everything else.
   */
  public static final Feature[] FEATURES = {Feature.LOG_FOLLOWERS, Feature.LOG_FOLLOWING, Feature.LOG_POSTS,
      Feature.LOG_LIKES, Feature.LOG_LISTED, Feature.FOLLOWING_PER_FOLLOWERS_SQUARED, Feature.LOG_AGE_DAYS,
      Feature.POSTS_PER_DAY, Feature.FOLLOWERS_PER_DAY, Feature.FOLLOWING_PER_DAY, Feature.LIKES_PER_DAY,
      Feature.BIO_LENGTH};
  /** The share of training accounts (not in the reference set) the distance threshold leaves outside. */
  public static final double TRAINING_OUTSIDE = 0.01;
  public static final int K = 5;

  private final double[] mean;
  private final double[] sd;
  private final double[][] reference;
  private final double threshold;

  /**
   * @param reference standardized feature vectors of training accounts (NaN where unknown)
   * @param threshold the k-nearest distance beyond which an account is outside
   */
  public OutOfDistribution(double[] mean, double[] sd, double[][] reference, double threshold) {
    if (mean.length != FEATURES.length || sd.length != FEATURES.length) {
      throw new IllegalArgumentException("out-of-distribution reference: one mean and sd per feature");
    }
    if (reference.length < K) {
      throw new IllegalArgumentException("out-of-distribution reference: needs at least " + K + " accounts");
    }
    this.mean = mean.clone();
    this.sd = sd.clone();
    this.reference = new double[reference.length][];
    for (int i = 0; i < reference.length; i++) {
      if (reference[i].length != FEATURES.length) {
        throw new IllegalArgumentException("out-of-distribution reference: one value per feature");
      }
      this.reference[i] = reference[i].clone();
    }
    this.threshold = threshold;
  }

  /** Writes the standardized compared features of a full feature vector ({@link Feature#extract}) into {@code out}. */
  public void standardize(double[] features, double[] out) {
    for (int j = 0; j < FEATURES.length; j++) {
      out[j] = (features[FEATURES[j].ordinal()] - mean[j]) / sd[j];
    }
  }

  /** The distance of a standardized vector to its {@link #K}-th nearest reference account. */
  public double distance(double[] z) {
    return distance(z, reference, -1);
  }

  static double distance(double[] z, double[][] reference, int skip) {
    int known = 0;
    for (double v : z) {
      if (v == v) {
        known++;
      }
    }
    if (known == 0) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = (double) z.length / known;
    double[] best = new double[K];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int i = 0; i < reference.length; i++) {
      if (i == skip) {
        continue;
      }
      double[] r = reference[i];
      double s = 0;
      for (int j = 0; j < z.length && s < best[K - 1]; j++) {
        double a = z[j];
        if (a == a) {
          double b = r[j];
          // A feature the account shows but the reference account did not costs one standard deviation.
          s += b == b ? (a - b) * (a - b) * scale : scale;
        }
      }
      if (s < best[K - 1]) {
        int p = K - 1;
        while (p > 0 && best[p - 1] > s) {
          best[p] = best[p - 1];
          p--;
        }
        best[p] = s;
      }
    }
    return Math.sqrt(best[K - 1]);
  }

  public boolean outside(double[] z) {
    return distance(z) > threshold;
  }

  public double threshold() {
    return threshold;
  }

  double[] mean() {
    return mean.clone();
  }

  double[] sd() {
    return sd.clone();
  }

  double[][] reference() {
    double[][] out = new double[reference.length][];
    for (int i = 0; i < reference.length; i++) {
      out[i] = reference[i].clone();
    }
    return out;
  }
}
