package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The cooldown a chat's or server's moderators set between two lookups by one member, on top of the
 * core's own limits, on every platform. Kept in memory: a chat's commands all reach the process that
 * serves it (on Discord, the process that runs its shard). Bounded: at most {@value #MAX_ENTRIES}
 * members, each forgotten once the longest cooldown has passed, timed by an injected ticker.
 */
public final class ChatCooldowns {
  static final int MAX_ENTRIES = 100_000;
  /** The longest cooldown moderators can set. */
  private static final Duration LONGEST = Duration.ofHours(1);

  private final Ticker ticker;
  /** chat:member to the ticker's reading at their last lookup. */
  private final Cache<String, Long> lastLookup;

  /** Timed by {@code clock} (the service's clock, so that tests move it). */
  public ChatCooldowns(Clock clock) {
    this(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
  }

  public ChatCooldowns(Ticker ticker) {
    this.ticker = ticker;
    this.lastLookup = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfterWrite(LONGEST).ticker(ticker)
        .executor(Runnable::run).build();
  }

  /** Empty when the member may look up now (and the time is remembered), else the seconds left to wait. */
  public OptionalLong tryLookup(String chat, String userId, Duration cooldown) {
    if (cooldown.isZero()) {
      return OptionalLong.empty();
    }
    long now = ticker.read();
    long[] wait = {0};
    lastLookup.asMap().compute(chat + ":" + userId, (key, last) -> {
      long left = last == null ? 0 : last + cooldown.toNanos() - now;
      if (left > 0) {
        wait[0] = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + TimeUnit.SECONDS.toNanos(1) - 1));
        return last;
      }
      return now;
    });
    return wait[0] > 0 ? OptionalLong.of(wait[0]) : OptionalLong.empty();
  }

  /** Members remembered now (after pending evictions). */
  long remembered() {
    lastLookup.cleanUp();
    return lastLookup.estimatedSize();
  }
}
