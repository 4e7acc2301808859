package org.influencebot.core.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.handle.Handle;

/**
 * Influence and authenticity of one account at one time: what every reply is rendered from. It keeps
 * the follower history for the chart, not the samples it was computed from.
 *
 * @param sampledFollowers how many followers the source sampled (0: none)
 * @param sampledPosts how many recent posts were read
 * @param trend how the scores moved since an earlier summary, when the history has one
 */
public record Summary(Handle handle, Optional<String> displayName, InfluenceScore influence, Authenticity authenticity,
    List<FollowerPoint> followerHistory, int sampledFollowers, int sampledPosts, String source, String scorer,
    Instant computedAt, Optional<Trend> trend) {
  public Summary {
    followerHistory = CompactHistory.of(followerHistory);
  }

  /** A summary without a trend (no history yet). */
  public Summary(Handle handle, Optional<String> displayName, InfluenceScore influence, Authenticity authenticity,
      List<FollowerPoint> followerHistory, int sampledFollowers, int sampledPosts, String source, String scorer,
      Instant computedAt) {
    this(handle, displayName, influence, authenticity, followerHistory, sampledFollowers, sampledPosts, source, scorer,
        computedAt, Optional.empty());
  }

  /**
   * Hashed on what identifies a summary (the account, when and how it was computed), not on every component:
   * the record's own hash walked the whole follower history, making a point and a date of each day, every
   * time a summary was a cache key (the charts, the rendered replies: twice or more per answer). Equal
   * summaries still hash alike, since these fields are part of equality.
   */
  @Override
  public int hashCode() {
    return java.util.Objects.hash(handle, computedAt, source, scorer, sampledFollowers, sampledPosts);
  }

  public Summary withTrend(Optional<Trend> t) {
    return new Summary(handle, displayName, influence, authenticity, followerHistory, sampledFollowers, sampledPosts,
        source, scorer, computedAt, t);
  }
}
