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
 * Fair limits (Bucket4j token buckets), per member first: each user has a budget of requests per window;
 * a chat or server has a budget too, but it only counts a member's <em>repeated</em> requests (the
 * second and later within the member's window), so that it stops a raid (many members asking again and
 * again) and never a burst of distinct members asking once each. Inline queries (typed letter by
 * letter) have their own, larger, budget per user and touch neither of the others; the refresh action
 * has a cooldown. A limited request learns how many seconds to wait; state of idle users is forgotten.
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

  private final Options options;
  private final TimeMeter time;
  private final Cache<String, Bucket> users;
  private final Cache<String, Bucket> scopes;
  private final Cache<String, Bucket> refreshes;
  private final Cache<String, Bucket> inline;
  /** Who asked in which chat within the user window: their next request there is a repeat. */
  private final Cache<String, Boolean> askedRecently;

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
    this.inline = idle(ticker, options.userWindow());
    this.askedRecently = Caffeine.newBuilder().expireAfterWrite(options.userWindow()).maximumSize(100_000)
        .ticker(ticker).build();
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
   * The member's own budget is checked first; the chat's budget is charged only when the member already
   * asked in this chat within their window. A request refused by the chat's limit does not use up the
   * member's.
   */
  public OptionalLong tryRequest(String user, String scope) {
    Bucket userBucket = users.get(user, k -> bucket(options.perUser(), options.userWindow()));
    ConsumptionProbe u = userBucket.tryConsumeAndReturnRemaining(1);
    if (!u.isConsumed()) {
      return OptionalLong.of(seconds(u.getNanosToWaitForRefill()));
    }
    String member = user + "\n" + scope;
    if (askedRecently.asMap().putIfAbsent(member, Boolean.TRUE) == null) {
      return OptionalLong.empty();
    }
    Bucket scopeBucket = scopes.get(scope, k -> bucket(options.perScope(), options.scopeWindow()));
    ConsumptionProbe s = scopeBucket.tryConsumeAndReturnRemaining(1);
    if (!s.isConsumed()) {
      userBucket.addTokens(1);
      return OptionalLong.of(seconds(s.getNanosToWaitForRefill()));
    }
    return OptionalLong.empty();
  }

  /**
   * Takes one inline query for {@code user}: a budget of its own ({@link Options#inlinePerUser()} per
   * user window), so that typing a handle letter by letter never uses up the user's requests. Empty when
   * allowed, else the seconds to wait.
   */
  public OptionalLong tryInline(String user) {
    Bucket b = inline.get(user, k -> bucket(options.inlinePerUser(), options.userWindow()));
    ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
    return p.isConsumed() ? OptionalLong.empty() : OptionalLong.of(seconds(p.getNanosToWaitForRefill()));
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
