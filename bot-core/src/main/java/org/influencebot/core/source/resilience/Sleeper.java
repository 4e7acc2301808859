package org.influencebot.core.source.resilience;

import java.time.Duration;

/**
 * Waits between two attempts. Production code sleeps the worker thread it already runs on (never a
 * caller's thread); tests inject one that only records the waits.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
