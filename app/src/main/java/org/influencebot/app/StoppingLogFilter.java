package org.influencebot.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Once the process is stopping, drops what the chat libraries log as errors: on a normal stop,
 * TelegramBots' poller sees its open getUpdates request cut short and logs an ERROR with a stack
 * trace, which is not an error. Before the stop, and for every other logger, nothing is dropped.
 */
public final class StoppingLogFilter extends TurboFilter {
  private static volatile boolean stopping;

  /** From now on, the chat libraries' errors are expected consequences of the stop. */
  static void stopping() {
    stopping = true;
  }

  /** For tests that run several bots in one JVM. */
  static void running() {
    stopping = false;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (stopping && level != null && level.isGreaterOrEqual(Level.WARN)
        && logger.getName().startsWith("org.telegram.telegrambots.")) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }
}
