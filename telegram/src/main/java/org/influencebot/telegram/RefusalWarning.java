package org.influencebot.telegram;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;

/**
 * The warning for webhook requests refused for a wrong secret, at most once a minute: the first
 * refusal is logged at once, the ones after it within the minute are counted and the count is told
 * with the next warning. Anyone can post to the webhook's address, and a log line per request would
 * let them fill the disk.
 */
final class RefusalWarning {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final LongSupplier nanoTime;
  private final Messages operator;
  private final Logger log;
  private boolean warned;
  private long lastWarning;
  private long unreported;

  RefusalWarning(LongSupplier nanoTime, Messages operator, Logger log) {
    this.nanoTime = nanoTime;
    this.operator = operator;
    this.log = log;
  }

  /** Counts one refused request from {@code from}; logs a warning if none was logged in the last minute. */
  void refused(String from) {
    String line;
    synchronized (this) {
      long now = nanoTime.getAsLong();
      if (warned && now - lastWarning < INTERVAL_NANOS) {
        unreported++;
        return;
      }
      line = unreported == 0 ? operator.get("telegram.operator.webhookRefused", from)
          : operator.get("telegram.operator.webhookRefusedMore", from, unreported);
      warned = true;
      lastWarning = now;
      unreported = 0;
    }
    log.warn(line);
  }
}
