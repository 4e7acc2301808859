package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;
import org.influencebot.store.InstanceLock;
import org.influencebot.store.Scope;
import org.influencebot.store.ScorePoint;
import org.influencebot.store.Store;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it: arguments in, text and an exit code out. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path data;

  /** Every run keeps its state in a temporary data folder, through a configuration file as a user would. */
  private int run(String... args) {
    try {
      Path config = data.resolve("test.yml");
      if (!Files.exists(config)) {
        Files.writeString(config, "data_dir: " + data.resolve("state") + "\n");
      }
      java.util.List<String> all = new java.util.ArrayList<>();
      if (!java.util.Arrays.asList(args).contains("--config")) {
        all.add("--config");
        all.add(config.toString());
      }
      all.addAll(java.util.Arrays.asList(args));
      return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int console(String input, String... args) {
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aSettingChangedInTheConsoleIsKeptAfterARestart() {
    assertThat(console("/settings language fr\n/quit\n")).isZero();
    assertThat(out.toString()).contains("Done: language is now fr.");
    out.getBuffer().setLength(0);
    assertThat(console("/influence @small_person\n")).isZero();
    assertThat(out.toString()).contains("semble authentique").contains("Abonnés");
  }

  @Test
  void theConsoleAnswersCommandsAndMistakesPolitely() {
    assertThat(console("/compare @megastar @small_person\n/influence\n/frobnicate\n@bought_5k\n")).isZero();
    assertThat(out.toString()).contains("@megastar is more influential than @small_person")
        .contains("Whose influence?").contains("There is no command /frobnicate").contains("likely inflated");
  }

  @Test
  void scorePrintsASummaryOfASampleAccount() {
    assertThat(run("score", "@bought_5k")).isZero();
    assertThat(out.toString()).contains("@bought_5k").contains("Influence").contains("likely inflated")
        .contains("look fake");
  }

  @Test
  void scoreJsonIsTheNeutralReply() throws Exception {
    assertThat(run("score", "@mid_creator", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("type").asText()).isEqualTo("summary");
    assertThat(json.at("/summary/influence/score").asInt()).isBetween(50, 60);
    assertThat(json.at("/summary/authenticity/verdict").asText()).isEqualTo("authentic");
    assertThat(json.at("/summary/influence/components")).hasSize(5);
  }

  @Test
  void frenchOnRequest() {
    assertThat(run("--lang", "fr", "score", "@mid_creator")).isZero();
    assertThat(out.toString()).contains("semble authentique").contains("Abonnés");
  }

  @Test
  void unknownAndInvalidHandlesGetASentenceAndANonZeroExit() {
    assertThat(run("score", "@nobody_here")).isEqualTo(3);
    assertThat(err.toString()).contains("could not find @nobody_here");
    assertThat(run("score", "<script>")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot contain markup").doesNotContain("Exception");
  }

  @Test
  void aBadConfigFileNamesTheKeyAndExitsNonZero() throws Exception {
    Path f = data.resolve("bad.yml");
    Files.writeString(f, "cache:\n  expire_after: forever\n");
    assertThat(run("--config", f.toString(), "score", "@mid_creator")).isEqualTo(2);
    assertThat(err.toString()).contains("cache.expire_after").contains("6h");
    assertThat(run("--config", f.toString(), "check-config")).isEqualTo(2);
  }

  @Test
  void checkConfigSaysWhatWouldRun() {
    assertThat(run("check-config")).isZero();
    assertThat(out.toString()).contains("Would run: the console").contains("source.default = sample");
  }

  @Test
  void aSecondBotWithTheSameTokenIsToldAtOnceAndNeverOpensTheStore() throws Exception {
    String token = "123456:second-bot-test-token";
    Path secrets = data.resolve("secrets.env");
    Files.writeString(secrets, "INFLUENCE_BOT_TELEGRAM_TOKEN=" + token + "\n");
    Path config = data.resolve("bot.yml");
    Files.writeString(config, "data_dir: " + data.resolve("state") + "\nsecrets_file: " + secrets + "\n");
    try (InstanceLock running = InstanceLock.acquire(data.resolve("state"), token)) {
      long started = System.nanoTime();
      int status = run("--config", config.toString());
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.println("second bot refused after " + millis + " ms");

      assertThat(status).isEqualTo(2);
      assertThat(err.toString()).startsWith("Another influence-bot is already running with this token in "
          + data.resolve("state").toAbsolutePath() + " (pid " + ProcessHandle.current().pid() + ").");
      assertThat(err.toString()).doesNotContain(token).doesNotContain("SQLITE");
      assertThat(data.resolve("state").resolve(StoreLocation.SqliteFile.FILE_NAME)).as("the store was not opened")
          .doesNotExist();
    }
  }

  @Test
  void scoreWorksNextToARunningBotThatHasWrittenToTheStore() {
    // The bot's store, open in this process, after writing what one /influence and one /settings write.
    try (Store bot = Store.open(new StoreLocation.SqliteFile(data.resolve("state")),
        StoreOptions.standard(Clock.systemUTC()))) {
      bot.history().record(new ScorePoint("sample", "mid_creator", Instant.now(), 59, 97, OptionalLong.of(42_000),
          OptionalLong.empty()));
      bot.settings().change(Scope.discordServer("1"), "mod", "cooldown", "30");

      assertThat(run("score", "@bought_5k")).isZero();

      assertThat(bot.history().pointsSince("sample", "bought_5k", Instant.EPOCH)).as("the score's history was kept")
          .hasSize(1);
      assertThat(err.toString()).doesNotContain("SQLITE").doesNotContain("history unavailable");
    }
  }
}
