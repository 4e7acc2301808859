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
 * @param sampledFollowers how many followers were in the sample the audit read (0: none)
 * @param sampledPosts how many recent posts were read
 */
public record Summary(Handle handle, Optional<String> displayName, InfluenceScore influence, Authenticity authenticity,
    List<FollowerPoint> followerHistory, int sampledFollowers, int sampledPosts, String source, String scorer,
    Instant computedAt) {
  public Summary {
    followerHistory = List.copyOf(followerHistory);
  }
}
