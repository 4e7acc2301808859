package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A bot process running on the SQLite file of a data folder, and what other processes may do next to it. */
@Timeout(60)
class SharedSqliteFileTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-part-of-the-token";

  @TempDir Path dataDirectory;
  Process bot;

  @BeforeEach
  void startTheBot() throws Exception {
    bot = ChildJvm.start(RunningBot.class, dataDirectory.toString(), TOKEN);
    BufferedReader out = new BufferedReader(new InputStreamReader(bot.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
  }

  @AfterEach
  void stopTheBot() throws Exception {
    bot.getOutputStream().close();
    assertThat(bot.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSecondBotWithTheSameTokenGetsTheSentenceAtOnceBeforeTouchingTheStore() {
    assertThatThrownBy(() -> InstanceLock.acquire(dataDirectory, TOKEN))
        .isInstanceOf(StoreException.class)
        .hasMessage("Another influence-bot is already running with this token in " + dataDirectory.toAbsolutePath()
            + " (pid " + bot.pid() + "). Stop it first, or give this one its own token or data directory.");
  }

  @Test
  void aSecondBotProcessOnTheSameSqliteFileIsRefusedAndToldAboutPostgres() {
    assertThatThrownBy(() -> InstanceLock.acquireSqliteStore(dataDirectory))
        .isInstanceOf(StoreException.class)
        .hasMessage("Another influence-bot process (pid " + bot.pid() + ") already serves chats from the SQLite store in "
            + dataDirectory.toAbsolutePath() + ". One SQLite file serves one bot process: to run several (another token, "
            + "more Discord shards), point store.jdbc_url at a PostgreSQL database that they all share (docs/store.md), "
            + "or give this one its own data directory.");
  }

  @Test
  void aShortCommandNextToTheRunningBotReadsAndWritesWithoutWaiting() {
    // What `score` and the console do: open the store (no lock), read the history, change a setting.
    StoreOptions noWaiting = StoreOptions.standard(Clock.systemUTC()).withBusyTimeout(Duration.ZERO);
    try (Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), noWaiting)) {
      assertThat(store.history().pointsSince("bluesky", "alice", Instant.EPOCH)).hasSize(1);
      store.history().record(new ScorePoint("bluesky", "alice", Instant.now(), 51, 90,
          java.util.OptionalLong.of(1001), java.util.OptionalLong.empty()));
      assertThat(store.settings().change(Scope.discordServer("1"), "console", "cooldown", "60").cooldown()).hasSeconds(60);
    }
  }
}
