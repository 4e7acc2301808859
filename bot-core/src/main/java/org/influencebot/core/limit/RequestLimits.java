package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Fair limits (Bucket4j token buckets): per user, per chat or server, and a cooldown on the refresh
 * action. A limited request learns how many seconds to wait; buckets of idle users are forgotten.
 * The buckets live in this process, or in Redis when several processes share the limits.
 */
public final class RequestLimits {
  /** How many requests per window, for a user and for a chat or server; and the refresh cooldown. */
  public record Options(int perUser, Duration userWindow, int perScope, Duration scopeWindow, Duration refreshCooldown) {
    public static Options defaults() {
      return new Options(6, Duration.ofMinutes(1), 30, Duration.ofMinutes(1), Duration.ofSeconds(60));
    }
  }

  private final Buckets buckets;
  private final BucketConfiguration user;
  private final BucketConfiguration scope;
  private final BucketConfiguration refresh;

  /** Limits held in this process. */
  public RequestLimits(Options options, Ticker ticker) {
    this(options, new LocalBuckets(ticker, 300_000));
  }

  /** Limits held in {@code buckets} (shared by every process when they are in Redis). */
  public RequestLimits(Options options, Buckets buckets) {
    this.buckets = buckets;
    this.user = config(options.perUser(), options.userWindow());
    this.scope = config(options.perScope(), options.scopeWindow());
    this.refresh = config(1, options.refreshCooldown());
  }

  private static BucketConfiguration config(int capacity, Duration window) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .build();
  }

  /**
   * Takes one request for {@code user} in {@code scope}; empty when allowed, else the seconds to wait.
   * A request refused by the chat's limit does not use up the user's.
   */
  public OptionalLong tryRequest(String userId, String scopeId) {
    ConsumptionProbe u = buckets.tryConsume("user:" + userId, user, 1);
    if (!u.isConsumed()) {
      return OptionalLong.of(seconds(u.getNanosToWaitForRefill()));
    }
    ConsumptionProbe s = buckets.tryConsume("scope:" + scopeId, scope, 1);
    if (!s.isConsumed()) {
      buckets.addTokens("user:" + userId, user, 1);
      return OptionalLong.of(seconds(s.getNanosToWaitForRefill()));
    }
    return OptionalLong.empty();
  }

  /** The refresh cooldown: one recomputation per user per cooldown. Empty when allowed. */
  public OptionalLong tryRefresh(String userId) {
    ConsumptionProbe p = buckets.tryConsume("refresh:" + userId, refresh, 1);
    return p.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(p.getNanosToWaitForRefill()));
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
