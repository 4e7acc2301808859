package org.influencebot.core.quantify;

import java.util.Optional;
import org.influencebot.core.reference.Reference;

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
 * it is the raw share of scored accounts outside the training data. {@code reference} names the network's
 * reference sample the share was measured against ({@link ReferenceEstimator}); empty when it was measured
 * against the labeled training populations.
 */
public record ShareEstimate(
    double share,
    double low,
    double high,
    int sampleSize,
    int assessed,
    String estimator,
    Optional<Abstention> abstention,
    double outOfDistribution,
    Optional<Reference.Summary> reference) {

  public ShareEstimate {
    abstention = abstention == null ? Optional.empty() : abstention;
    reference = reference == null ? Optional.empty() : reference;
  }

  /** An estimate measured against the labeled training populations (no network reference). */
  public ShareEstimate(double share, double low, double high, int sampleSize, int assessed, String estimator,
      Optional<Abstention> abstention, double outOfDistribution) {
    this(share, low, high, sampleSize, assessed, estimator, abstention, outOfDistribution, Optional.empty());
  }

  public boolean abstained() {
    return abstention.isPresent();
  }
}
