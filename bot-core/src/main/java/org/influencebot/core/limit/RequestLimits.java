package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Fair limits (Bucket4j token buckets), per member first: each user has a budget of requests per window;
 * a chat or server has a budget too, but it only counts a member's <em>repeated</em> requests (the
 * second and later within the member's window), so that it stops a raid (many members asking again and
 * again) and never a burst of distinct members asking once each. Inline queries (typed letter by
 * letter) have their own, larger, budget per user and touch neither of the others; the refresh action
 * has a cooldown. A limited request learns how many seconds to wait; buckets of idle users are forgotten.
 * The buckets live in this process, or in Redis when several processes share the limits.
 */
public final class RequestLimits {
  /**
   * How many requests per window for a user, how many repeated requests per window for a chat or
   * server, the refresh cooldown, and how many inline queries a user may send per user window.
   */
  public record Options(int perUser, Duration userWindow, int perScope, Duration scopeWindow, Duration refreshCooldown,
      int inlinePerUser) {
    /** Inline queries: five times a user's budget of requests (each keystroke is one query). */
    public Options(int perUser, Duration userWindow, int perScope, Duration scopeWindow, Duration refreshCooldown) {
      this(perUser, userWindow, perScope, scopeWindow, refreshCooldown, perUser * 5);
    }

    public static Options defaults() {
      return new Options(6, Duration.ofMinutes(1), 30, Duration.ofMinutes(1), Duration.ofSeconds(60), 30);
    }
  }

  private final Buckets buckets;
  private final BucketConfiguration user;
  private final BucketConfiguration scope;
  private final BucketConfiguration refresh;
  private final BucketConfiguration inline;
  /** One token per member and chat per user window: while it is spent, the member's requests there are repeats. */
  private final BucketConfiguration firstAsk;

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
    this.inline = config(options.inlinePerUser(), options.userWindow());
    this.firstAsk = config(1, options.userWindow());
  }

  private static BucketConfiguration config(int capacity, Duration window) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .build();
  }

  /**
   * Takes one request for {@code user} in {@code scope}; empty when allowed, else the seconds to wait.
   * The member's own budget is checked first; the chat's budget is charged only when the member already
   * asked in this chat within their window. A request refused by the chat's limit does not use up the
   * member's.
   */
  public OptionalLong tryRequest(String userId, String scopeId) {
    ConsumptionProbe u = buckets.tryConsume("user:" + userId, user, 1);
    if (!u.isConsumed()) {
      return OptionalLong.of(seconds(u.getNanosToWaitForRefill()));
    }
    if (buckets.tryConsume("first:" + userId + "\n" + scopeId, firstAsk, 1).isConsumed()) {
      return OptionalLong.empty(); // the member's first request here in their window: never the chat's to refuse
    }
    ConsumptionProbe s = buckets.tryConsume("scope:" + scopeId, scope, 1);
    if (!s.isConsumed()) {
      buckets.addTokens("user:" + userId, user, 1);
      return OptionalLong.of(seconds(s.getNanosToWaitForRefill()));
    }
    return OptionalLong.empty();
  }

  /**
   * Takes one inline query for {@code user}: a budget of its own ({@link Options#inlinePerUser()} per
   * user window), so that typing a handle letter by letter never uses up the user's requests. Empty when
   * allowed, else the seconds to wait.
   */
  public OptionalLong tryInline(String userId) {
    ConsumptionProbe p = buckets.tryConsume("inline:" + userId, inline, 1);
    return p.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(p.getNanosToWaitForRefill()));
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
