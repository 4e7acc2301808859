package org.influencebot.core.quantify;

import java.util.Optional;

/**
 * A sample's estimated fake share with a 95% interval; abstained when the sample cannot be judged.
 *
 * <p>{@code share}, {@code low} and {@code high} are fractions in 0..1. When {@link #abstention()} is
 * present they still carry whatever is known (the point estimate and the widened interval), but a caller
 * must not turn them into a verdict. {@code sampleSize} counts the accounts given; {@code assessed} those
 * the model could score. {@code outOfDistribution} (0..1) is the share of the sample the model cannot
 * account for: the larger of the share of accounts outside the training data beyond what training accounts
 * show ({@link OutOfDistribution}) and the share scored in the uncertain zone beyond what known humans and
 * fakes explain ({@link QuantifyingEstimator}); the interval is widened by it. The estimate abstains when the
 * sample shows a shift from the training populations beyond chance, or when this share exceeds
 * {@link QuantifyingEstimator#MAX_UNEXPLAINED}. With {@link Abstention#TOO_FEW_ASSESSED}
 * it is the raw share of scored accounts outside the training data.
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
