package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.influencebot.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The launcher against a fake Bot API on 127.0.0.1: the Telegram bot is started from the configuration. */
class PlatformBotsTelegramTest {
  private static final String TOKEN = "987654:LAUNCHER-test-token-never-printed";

  @Test
  @Timeout(60)
  void theTelegramBotStartsFromTheConfigurationAndAConflictEndsTheProcessWithItsSentence(@TempDir Path dir)
      throws Exception {
    List<String> methods = new CopyOnWriteArrayList<>();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          String path = request.getUrl().encodedPath();
          String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
          if (!path.startsWith("/bot" + TOKEN + "/")) {
            return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
          }
          methods.add(method);
          return switch (method) {
            case "getme" -> json(200, "{\"ok\":true,\"result\":{\"id\":42,\"is_bot\":true,\"first_name\":\"B\","
                + "\"username\":\"LauncherTestBot\"}}");
            case "getwebhookinfo" -> json(200, "{\"ok\":true,\"result\":{\"url\":\"\",\"pending_update_count\":0}}");
            case "getupdates" -> json(409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by "
                + "other getUpdates request; make sure that only one bot instance is running\"}");
            default -> json(200, "{\"ok\":true,\"result\":true}");
          };
        }
      });
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      Path config = dir.resolve("bot.yml");
      Files.writeString(config, "data_dir: " + dir.resolve("data") + "\n"
          + "telegram:\n  api_url: http://127.0.0.1:" + server.getPort() + "\n  owner_id: \"7\"\n");
      Settings settings = Settings.load(Optional.of(config), Map.of("INFLUENCE_BOT_TELEGRAM_TOKEN", TOKEN));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status;
      String debugReport;
      // Every log line of the run, at every level, from every library, is kept to be scanned for the token.
      ch.qos.logback.classic.Logger root =
          (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      ch.qos.logback.classic.Level rootLevel = root.getLevel();
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
          new ch.qos.logback.core.read.ListAppender<>();
      log.start();
      root.addAppender(log);
      root.setLevel(ch.qos.logback.classic.Level.TRACE);
      java.util.List<ch.qos.logback.classic.Logger> quieter = root.getLoggerContext().getLoggerList().stream()
          .filter(l -> l.getLevel() != null && l != root).toList();
      java.util.Map<ch.qos.logback.classic.Logger, ch.qos.logback.classic.Level> levels = new java.util.HashMap<>();
      quieter.forEach(l -> {
        levels.put(l, l.getLevel());
        l.setLevel(ch.qos.logback.classic.Level.TRACE);
      });
      StoppingLogFilter.running();
      try (AutoCloseable locks = PlatformBots.lock(settings); BotContext context = BotContext.create(settings)) {
        status = PlatformBots.run(context, new PrintWriter(out, true), new PrintWriter(err, true));
        debugReport = DebugReport.of(context);
      } finally {
        root.detachAppender(log);
        root.setLevel(rootLevel);
        levels.forEach(ch.qos.logback.classic.Logger::setLevel);
      }
      assertThat(log.list).as("log lines of the run").isNotEmpty();
      for (ch.qos.logback.classic.spi.ILoggingEvent event : log.list) {
        String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
            : " " + ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(event.getThrowableProxy()));
        assertThat(line).as("a log line").doesNotContain(TOKEN).doesNotContain("LAUNCHER-test");
      }
      assertThat(out.toString()).contains("Telegram bot @LauncherTestBot is polling.");
      assertThat(debugReport).as("the owner's /debug, with the Telegram adapter's queue line")
          .containsPattern("telegram outgoing queue: \\d+ waiting; \\d+ sent").doesNotContain(TOKEN);
      assertThat(methods).contains("getme", "getwebhookinfo", "getupdates");
      assertThat(status).isEqualTo(2);
      assertThat(err.toString()).contains("Another instance is using this token");
      assertThat(out.toString() + err.toString()).doesNotContain(TOKEN).doesNotContain("LAUNCHER-test");
      try (var files = Files.walk(dir.resolve("data"))) {
        assertThat(files.filter(f -> f.getFileName().toString().endsWith(".lock")).map(f -> f.getFileName().toString()))
            .as("the token's lock and the SQLite store's").hasSize(2).contains("sqlite-store.lock");
      }
    }
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }
}
