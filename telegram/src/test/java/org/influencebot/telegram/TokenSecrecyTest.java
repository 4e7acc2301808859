package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** With TelegramBots, OkHttp and the adapter logging everything, the token never appears. */
class TokenSecrecyTest {
  private static final List<String> LOGGERS = List.of("org.telegram", "okhttp3", "org.influencebot");

  @Test
  void noLogLineOrErrorEverContainsTheToken() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.setContext(context);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    Map<String, Level> before = new java.util.HashMap<>();
    for (String name : LOGGERS) {
      Logger l = context.getLogger(name);
      before.put(name, l.getLevel());
      l.setLevel(Level.ALL);
      l.setAdditive(false);
      l.addAppender(appender);
    }
    List<String> seen = new ArrayList<>();
    try (FakeBotApi api = new FakeBotApi()) {
      // 1. A refused token.
      api.override = c -> c.method().equals("getme")
          ? Optional.of(FakeBotApi.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"))
          : Optional.empty();
      try (Harness h = new Harness(api, api.options(), Harness.noCharts())) {
        seen.add(String.valueOf(catchThrowable(h.bot::start)));
      }
      // 2. A webhook whose address holds the token.
      api.override = c -> Optional.empty();
      api.webhookUrl = "https://example.org/" + FakeBotApi.TOKEN;
      try (Harness h = new Harness(api, api.options(), Harness.noCharts())) {
        seen.add(String.valueOf(catchThrowable(h.bot::start)));
      }
      // 3. Running: a 429, a refused message, then conflicts until it stops.
      api.webhookUrl = "";
      AtomicInteger sends = new AtomicInteger();
      api.override = c -> {
        if (c.method().equals("sendmessage")) {
          int n = sends.incrementAndGet();
          if (n == 1) {
            return Optional.of(FakeBotApi.tooManyRequests(1));
          }
          if (n == 3) {
            return Optional.of(FakeBotApi.json(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request\"}"));
          }
        }
        return Optional.empty();
      };
      try (Harness h = new Harness(api, api.options(), Harness.noCharts())) {
        h.bot.start();
        api.privateText(1, "en", "/help");
        api.next("sendMessage");
        api.privateText(1, "en", "/help");
        api.privateText(1, "en", "/help");
        api.next("sendMessage");
        api.override = c -> c.method().equals("getupdates")
            ? Optional.of(FakeBotApi.json(409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict\"}"))
            : Optional.empty();
        seen.add(String.valueOf(catchThrowable(() -> h.bot.stopped().get(20, TimeUnit.SECONDS))));
      }
    } finally {
      for (String name : LOGGERS) {
        Logger l = context.getLogger(name);
        l.detachAppender(appender);
        l.setLevel(before.get(name));
        l.setAdditive(true);
      }
      root.detachAppender(appender);
    }
    for (ILoggingEvent e : appender.list) {
      seen.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        seen.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    assertThat(appender.list).as("the scenario did log").hasSizeGreaterThan(10);
    assertThat(String.join("\n", seen)).contains("@BotFather", "<token>", "Another instance")
        .doesNotContain(FakeBotApi.TOKEN).doesNotContain("SECRET");
  }
}
