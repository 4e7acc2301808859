package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.influencebot.config.Settings;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store.pool_size} and {@code store.busy_timeout} reach the store; bad values stop with a sentence. */
class StoreConfigTest {
  @TempDir
  Path dir;

  @Test
  void thePoolAndBusyTimeoutReachTheStore() throws Exception {
    Path config = dir.resolve("bot.yml");
    Files.writeString(config, "store:\n  pool_size: 12\n  busy_timeout: 250ms\n");
    StoreOptions o = BotContext.storeOptions(Settings.load(Optional.of(config), Map.of()), Clock.systemUTC());
    assertThat(o.postgresPoolSize()).isEqualTo(12);
    assertThat(o.busyTimeout()).isEqualTo(Duration.ofMillis(250));
    StoreOptions standard = BotContext.storeOptions(Settings.defaults(), Clock.systemUTC());
    assertThat(standard.postgresPoolSize()).isEqualTo(StoreOptions.STANDARD_POOL_SIZE);
    assertThat(standard.busyTimeout()).isEqualTo(StoreOptions.STANDARD_BUSY_TIMEOUT);
  }

  @Test
  void aPoolOfNoConnectionIsRefusedByCheckConfigAndByARun() throws Exception {
    Path config = dir.resolve("bad.yml");
    Files.writeString(config, "data_dir: " + dir.resolve("state") + "\nstore:\n  pool_size: 0\n");
    refusedByCheckConfigAndByARun(config, (out, err) ->
        assertThat(err).contains("'store.pool_size'").contains("from 1 to 100").doesNotContain("Exception"));
  }

  /** {@code check-config} and a run ({@code score}) both stop with exit code 2; {@code said} checks what they printed. */
  private static void refusedByCheckConfigAndByARun(Path config, java.util.function.BiConsumer<String, String> said) {
    for (String command : new String[] {"check-config", "score"}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] args = command.equals("score") ? new String[] {"--config", config.toString(), command, "@mid_creator"}
          : new String[] {"--config", config.toString(), command};
      assertThat(Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true))).as(command).isEqualTo(2);
      said.accept(out.toString(), err.toString());
    }
  }

  @Test
  void aPasswordInTheJdbcUrlIsRefusedByCheckConfigAndByARunInOneSentence() throws Exception {
    Path config = dir.resolve("password.yml");
    Files.writeString(config, "data_dir: " + dir.resolve("state") + "\nstore:\n  jdbc_url: "
        + "jdbc:postgresql://127.0.0.1:9/bot?user=bot&password=HUNTER2\n");
    refusedByCheckConfigAndByARun(config, (out, err) -> {
      assertThat(err).contains("'store.jdbc_url' must not hold a password")
          .contains("INFLUENCE_BOT_STORE_PASSWORD").doesNotContain("HUNTER2").doesNotContain("Exception");
      assertThat(out).doesNotContain("HUNTER2");
    });
  }

  @Test
  void theBotsStoreKeepsNoSettingsCacheUnderTheRememberedRulesSoAnotherProcessesChangeTakesOneFigure() throws Exception {
    Clock clock = Clock.systemUTC();
    org.influencebot.store.Scope server = org.influencebot.store.Scope.discordServer("42");
    try (org.influencebot.store.Store bot = org.influencebot.store.Store.open(
            new org.influencebot.store.StoreLocation.SqliteFile(dir), BotContext.storeOptions(Settings.defaults(), clock));
        org.influencebot.store.Store console = org.influencebot.store.Store.open(
            new org.influencebot.store.StoreLocation.SqliteFile(dir), StoreOptions.standard(clock))) {
      assertThat(bot.settings().settingsOf(server).language()).isEmpty();
      console.settings().change(server, "mod", "language", "fr");
      // Read straight from the file: the only wait left is RememberedRules' own (RememberedRulesTest).
      assertThat(bot.settings().settingsOf(server).language()).contains(java.util.Locale.FRENCH);
    }
  }
}
