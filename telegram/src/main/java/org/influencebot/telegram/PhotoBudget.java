package org.influencebot.telegram;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How often the bot may ask Telegram for a new member's profile photo: at most one call per {@link #interval},
 * never queued. A join that finds the budget spent is reported with its photo unknown, so a raid of thousands of
 * joins in a minute costs Telegram a few dozen calls, not thousands. Per process: the calls are reads, outside
 * Telegram's sending limits that {@link SharedPacing} shares. Thread-safe; the time is the bot's monotonic clock
 * (tests move it by hand).
 */
final class PhotoBudget {
  /** One call a second. */
  static final Duration STANDARD = Duration.ofSeconds(1);

  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private boolean used;
  private long next;

  PhotoBudget(LongSupplier nanoTime, Duration interval) {
    this.nanoTime = nanoTime;
    this.intervalNanos = interval.toNanos();
  }

  /** Takes the budget for one call, or says it is spent (nothing is taken). */
  synchronized boolean tryTake() {
    long now = nanoTime.getAsLong();
    if (used && now - next < 0) {
      return false;
    }
    used = true;
    next = now + intervalNanos;
    return true;
  }

  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }
}
