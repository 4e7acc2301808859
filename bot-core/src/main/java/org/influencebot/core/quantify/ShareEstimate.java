package org.influencebot.core.quantify;

import java.util.Optional;

/**
 * A sample's estimated fake share with a 95% interval; abstained when the sample cannot be judged.
 *
 * <p>{@code share}, {@code low} and {@code high} are fractions in 0..1. When {@link #abstention()} is
 * present they still carry whatever is known (the point estimate and the widened interval), but a caller
 * must not turn them into a verdict. {@code sampleSize} counts the accounts given; {@code assessed} those
 * the model could score. {@code outOfDistribution} is the share (0..1) of assessed accounts lying outside
 * the training support (see {@link OutOfDistribution}).
 */
public record ShareEstimate(
    double share,
    double low,
    double high,
    int sampleSize,
    int assessed,
    String estimator,
    Optional<Abstention> abstention,
    double outOfDistribution) {

  public ShareEstimate {
    abstention = abstention == null ? Optional.empty() : abstention;
  }

  public boolean abstained() {
    return abstention.isPresent();
  }
}
