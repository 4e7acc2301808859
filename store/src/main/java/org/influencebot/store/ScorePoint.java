package org.influencebot.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One computed summary of an account, kept for its trend ("+4 in 30 days") and its chart.
 *
 * @param network the network of the handle ({@code bluesky})
 * @param handle the handle on that network; kept in lower case, since handles on every supported
 *     network ignore case
 * @param computedAt when the summary was computed, to the millisecond (finer parts are dropped)
 * @param influenceScore the influence score of the summary
 * @param authenticityScore the authenticity score of the summary
 * @param followers the follower count, or empty when the source did not give it
 * @param authenticFollowersEstimate the estimated authentic followers, or empty when unknown
 */
public record ScorePoint(
    String network,
    String handle,
    Instant computedAt,
    double influenceScore,
    double authenticityScore,
    OptionalLong followers,
    OptionalLong authenticFollowersEstimate) {

  public ScorePoint {
    network = StoredText.require(network, "network", 32).toLowerCase(Locale.ROOT);
    handle = StoredText.require(handle, "handle", 256).toLowerCase(Locale.ROOT);
    computedAt = Objects.requireNonNull(computedAt, "computedAt").truncatedTo(ChronoUnit.MILLIS);
    if (!Double.isFinite(influenceScore) || !Double.isFinite(authenticityScore)) {
      throw new IllegalArgumentException("scores must be finite numbers");
    }
    Objects.requireNonNull(followers, "followers");
    Objects.requireNonNull(authenticFollowersEstimate, "authenticFollowersEstimate");
  }
}
