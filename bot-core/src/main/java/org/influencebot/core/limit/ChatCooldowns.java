package org.influencebot.core.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cooldown a chat's or server's moderators set between two lookups by one member, on top of the
 * core's own limits, on every platform. Kept in memory: a chat's commands all reach the process that
 * serves it (on Discord, the process that runs its shard).
 */
public final class ChatCooldowns {
  private static final int PRUNE_ABOVE = 10_000;
  private static final Duration LONGEST = Duration.ofHours(1);

  private final Clock clock;
  private final Map<String, Instant> lastLookup = new ConcurrentHashMap<>();

  public ChatCooldowns(Clock clock) {
    this.clock = clock;
  }

  /** Empty when the member may look up now (and the time is remembered), else the seconds left to wait. */
  public OptionalLong tryLookup(String chat, String userId, Duration cooldown) {
    if (cooldown.isZero()) {
      return OptionalLong.empty();
    }
    Instant now = clock.instant();
    long[] wait = {0};
    lastLookup.compute(chat + ":" + userId, (key, last) -> {
      if (last != null && now.isBefore(last.plus(cooldown))) {
        Duration left = Duration.between(now, last.plus(cooldown));
        wait[0] = Math.max(1, left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0));
        return last;
      }
      return now;
    });
    if (lastLookup.size() > PRUNE_ABOVE) {
      lastLookup.values().removeIf(last -> last.plus(LONGEST).isBefore(now));
    }
    return wait[0] > 0 ? OptionalLong.of(wait[0]) : OptionalLong.empty();
  }
}
