package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Fair limits (Bucket4j token buckets): per user, per chat or server, and a cooldown on the refresh
 * action. A limited request learns how many seconds to wait; buckets of idle users are forgotten.
 */
public final class RequestLimits {
  /** How many requests per window, for a user and for a chat or server; and the refresh cooldown. */
  public record Options(int perUser, Duration userWindow, int perScope, Duration scopeWindow, Duration refreshCooldown) {
    public static Options defaults() {
      return new Options(6, Duration.ofMinutes(1), 30, Duration.ofMinutes(1), Duration.ofSeconds(60));
    }
  }

  private final Options options;
  private final TimeMeter time;
  private final Cache<String, Bucket> users;
  private final Cache<String, Bucket> scopes;
  private final Cache<String, Bucket> refreshes;

  public RequestLimits(Options options, Ticker ticker) {
    this.options = options;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.users = idle(ticker, options.userWindow());
    this.scopes = idle(ticker, options.scopeWindow());
    this.refreshes = idle(ticker, options.refreshCooldown());
  }

  private static Cache<String, Bucket> idle(Ticker ticker, Duration window) {
    return Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(100_000).ticker(ticker).build();
  }

  private Bucket bucket(int capacity, Duration window) {
    return Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
        .withCustomTimePrecision(time)
        .build();
  }

  /**
   * Takes one request for {@code user} in {@code scope}; empty when allowed, else the seconds to wait.
   * A request refused by the chat's limit does not use up the user's.
   */
  public OptionalLong tryRequest(String user, String scope) {
    Bucket scopeBucket = scopes.get(scope, k -> bucket(options.perScope(), options.scopeWindow()));
    Bucket userBucket = users.get(user, k -> bucket(options.perUser(), options.userWindow()));
    ConsumptionProbe u = userBucket.tryConsumeAndReturnRemaining(1);
    if (!u.isConsumed()) {
      return OptionalLong.of(seconds(u.getNanosToWaitForRefill()));
    }
    ConsumptionProbe s = scopeBucket.tryConsumeAndReturnRemaining(1);
    if (!s.isConsumed()) {
      userBucket.addTokens(1);
      return OptionalLong.of(seconds(s.getNanosToWaitForRefill()));
    }
    return OptionalLong.empty();
  }

  /** The refresh cooldown: one recomputation per user per cooldown. Empty when allowed. */
  public OptionalLong tryRefresh(String user) {
    Bucket b = refreshes.get(user, k -> bucket(1, options.refreshCooldown()));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
    return p.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(p.getNanosToWaitForRefill()));
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
