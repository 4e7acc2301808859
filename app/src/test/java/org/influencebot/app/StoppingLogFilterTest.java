package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter as the jar's logback.xml installs it, on a context of its own. */
class StoppingLogFilterTest {
  @AfterEach
  void running() {
    StoppingLogFilter.running();
  }

  @Test
  void aChatLibrarysErrorIsDroppedOnlyOnceTheProcessIsStopping() throws Exception {
    LoggerContext context = new LoggerContext();
    ch.qos.logback.classic.joran.JoranConfigurator configurator = new ch.qos.logback.classic.joran.JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(StoppingLogFilterTest.class.getResource("/logback.xml"));
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(seen);
    Logger poller = context.getLogger("org.telegram.telegrambots.longpolling.BotSession");
    Logger ours = context.getLogger("org.influencebot.telegram.TelegramBot");
    InterruptedIOException cut = new InterruptedIOException("Canceled");

    poller.error("Canceled", cut);
    StoppingLogFilter.stopping();
    poller.error("Canceled", cut);
    poller.warn("GetUpdates got interrupted while sleeping in backoff mode.", cut);
    ours.error("could not stop cleanly");

    assertThat(seen.list).extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .containsExactly("org.telegram.telegrambots.longpolling.BotSession: Canceled",
            "org.influencebot.telegram.TelegramBot: could not stop cleanly");
    context.stop();
  }
}
