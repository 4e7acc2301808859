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
  void bothTrainingCommandsNameAMissingLabeledFileAndExitTwo() {
    Path missing = data.resolve("missing.jsonl");
    for (String command : new String[] {"train", "train-quantifier"}) {
      err.getBuffer().setLength(0);
      assertThat(run(command, "--output", data.resolve("out.json").toString(), "--input", missing.toString()))
          .as(command).isEqualTo(2);
      assertThat(err.toString()).as(command)
          .contains(command + ": no such file: " + missing + " (set --shared-dir or -Dshared.dir)");
      assertThat(data.resolve("out.json")).as("nothing written").doesNotExist();
    }
  }

  @Test
  void theConsoleAnswersCommandsAndMistakesPolitely() {
    assertThat(console("/compare @megastar @small_person\n/influence\n/frobnicate\n@bought_5k\n")).isZero();
    assertThat(out.toString()).contains("@megastar is more influential than @small_person")
        .contains("Whose influence?").contains("There is no command /frobnicate").contains("likely inflated");
  }

  @Test
  void theConsolesLinkCommandsShowMakeAndRemoveTheLinkAsInEveryChat() {
    assertThat(console("/link\n/link @mid_creator\n/link\n/unlink\n/link\n/debug\n")).isZero();
    assertThat(out.toString()).containsSubsequence("You have no linked handle.", "Linked: you are now @mid_creator here.",
        "You are linked to @mid_creator.", "Your link is removed.", "You have no linked handle.", "configuration:");
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
  void scoreJsonCarriesTheAuditNumbersNotOnlySentences() throws Exception {
    assertThat(run("score", "@bought_5k", "--json")).isZero();
    JsonNode s = new ObjectMapper().readTree(out.toString()).get("summary");
    JsonNode audit = s.at("/authenticity/audit");
    double share = audit.get("fake_share").asDouble();
    assertThat(share).isBetween(0.6, 0.95);
    assertThat(audit.get("fake_share_low").asDouble()).isLessThanOrEqualTo(share);
    assertThat(audit.get("fake_share_high").asDouble()).isGreaterThanOrEqualTo(share);
    assertThat(audit.get("measured_share").asDouble()).isCloseTo(200 / 5_565.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(audit.get("estimator").asText()).isNotBlank();
    assertThat(audit.get("not_counted").asText()).isEqualTo("bots_imitating_people");
    assertThat(audit.get("sample_method").asText()).isEqualTo("newest");
    assertThat(audit.get("abstention").isNull()).isTrue();
    JsonNode newest = audit.at("/strata/0");
    assertThat(newest.get("basis").asText()).isEqualTo("sample");
    assertThat(newest.get("offset").asLong()).isZero();
    assertThat(newest.get("followers").asLong()).isEqualTo(200);
    assertThat(newest.get("sample_size").asInt()).isEqualTo(200);
    assertThat(newest.get("assessed").asInt()).isPositive();
    assertThat(newest.get("estimator").asText()).isEqualTo(audit.get("estimator").asText());
    assertThat(newest.get("abstention").isNull()).isTrue();
    JsonNode rest = audit.at("/strata/1");
    assertThat(rest.get("basis").asText()).isEqualTo("rest_from_history");
    assertThat(rest.get("followers").asLong()).isEqualTo(5_365);
    assertThat(rest.get("offset").isNull()).isTrue();
    long authentic = s.at("/influence/authentic_followers").asLong();
    assertThat(s.at("/influence/authentic_followers_low").asLong()).isLessThanOrEqualTo(authentic);
    assertThat(s.at("/influence/authentic_followers_high").asLong()).isGreaterThanOrEqualTo(authentic);
  }

  /** An account whose follower list cannot be read, from a dataset file: the same rule as for the sample. */
  @Test
  void aHiddenFollowerListIsNotAssessedAndNeverLooksAuthenticWhateverTheSource() throws Exception {
    Path accounts = data.resolve("accounts.jsonl");
    Files.writeString(accounts, """
        {"handle":"hidden","created_at":"2020-01-01T00:00:00Z","observed_at":"2026-11-01T12:00:00Z","followers":9000,"following":400,"posts":5000,"likes":7000,"listed":40,"protected":true,"has_avatar":true,"bio":"Baker"}
        {"handle":"no_list","created_at":"2020-01-01T00:00:00Z","observed_at":"2026-11-01T12:00:00Z","followers":9000,"following":400,"posts":5000,"likes":7000,"listed":40,"has_avatar":true,"bio":"Baker"}
        """);
    Path config = data.resolve("file.yml");
    Files.writeString(config, "data_dir: " + data.resolve("state") + "\nsource:\n  default: file\n  file: " + accounts + "\n");
    for (String handle : new String[] {"@hidden", "@no_list"}) {
      out.getBuffer().setLength(0);
      assertThat(run("--config", config.toString(), "score", handle, "--json")).isZero();
      JsonNode s = new ObjectMapper().readTree(out.toString()).get("summary");
      assertThat(s.at("/authenticity/verdict").asText()).isEqualTo("not_enough_evidence");
      assertThat(s.at("/authenticity/signals/0/score").isNull()).isTrue();
      assertThat(s.at("/authenticity/audit").isNull()).isTrue();
      assertThat(s.at("/influence/authentic_followers").isMissingNode()).isTrue();
    }
    out.getBuffer().setLength(0);
    assertThat(run("--config", config.toString(), "score", "@hidden")).isZero();
    assertThat(out.toString()).contains("followers cannot be read").doesNotContain("of which about")
        .doesNotContain("looks authentic");
  }

  /** The example: the newest 500 of 6,400 followers 97% fake after buying 1,500; truth about 4,900. */
  @Test
  void theNewestFollowersShareIsNotAppliedToEveryFollower() throws Exception {
    java.util.Random r = new java.util.Random(12);
    java.util.List<org.influencebot.core.account.Account> newest = new java.util.ArrayList<>();
    for (int i = 0; i < 500; i++) {
      newest.add(i < 485 ? org.influencebot.core.source.SampleAccounts.fakeFollower(r, "f" + i)
          : org.influencebot.core.source.SampleAccounts.realFollower(r, "u" + i));
    }
    java.util.Collections.shuffle(newest, r);
    java.util.List<org.influencebot.core.account.FollowerPoint> history = new java.util.ArrayList<>();
    java.time.LocalDate day = java.time.LocalDate.of(2026, 7, 5);
    for (int i = 0; i < 120; i++) {
      history.add(new org.influencebot.core.account.FollowerPoint(day.plusDays(i), 4_720 + 1.5 * i >= 0
          ? Math.round(4_720 + 1.5 * i) + (i >= 110 ? 1_500 : 0) : 0));
    }
    // Its followers are the sample network's, measured against that network's (synthetic) reference.
    org.influencebot.core.account.Account account = org.influencebot.core.account.Account.builder("bought_recently")
        .network("sample").createdAt(java.time.Instant.parse("2022-01-01T00:00:00Z")).observedAt(java.time.Instant.parse("2026-11-01T12:00:00Z"))
        .followers(6_400).following(300).posts(2_000).likes(800).listed(4).hasAvatar(true)
        .followerHistory(history).followerSample(newest)
        .followerSampleMethod(org.influencebot.core.account.Account.SampleMethod.NEWEST).build();
    Path accounts = data.resolve("bought.jsonl");
    Files.writeString(accounts, org.influencebot.core.account.AccountJson.write(account) + "\n");
    Path config = data.resolve("bought.yml");
    Files.writeString(config, "data_dir: " + data.resolve("state") + "\nsource:\n  default: file\n  file: " + accounts + "\n");
    assertThat(run("--config", config.toString(), "score", "@bought_recently", "--json")).isZero();
    JsonNode s = new ObjectMapper().readTree(out.toString()).get("summary");
    assertThat(s.at("/influence/authentic_followers").asLong()).isBetween(4_400L, 5_400L);
    assertThat(s.at("/influence/authentic_followers_low").asLong()).isLessThanOrEqualTo(4_900L);
    assertThat(s.at("/influence/authentic_followers_high").asLong()).isGreaterThanOrEqualTo(4_900L);
    assertThat(s.at("/authenticity/audit/strata/0/fake_share").asDouble()).isGreaterThan(0.8);
    assertThat(s.at("/authenticity/signals/0/evidence").asText()).contains("the newest 500 followers, 8% of the audience")
        .contains("The other 5,900 followers");
  }

  /** Bluesky-like: counts, age and avatar known, no likes or lists; people or bought-looking accounts. */
  private static org.influencebot.core.account.Account bluesky(org.influencebot.core.account.Account a) {
    return a.toBuilder().network("bluesky").likes(java.util.OptionalLong.empty()).listed(java.util.OptionalLong.empty())
        .build();
  }

  private static java.util.List<org.influencebot.core.account.Account> blueskyFollowers(long seed, int n, double fakes) {
    return org.influencebot.core.source.SampleAccounts.followers(new java.util.Random(seed), n, fakes).stream()
        .map(MainTest::bluesky).toList();
  }

  @Test
  void aBlueskyAudienceIsMeasuredAgainstTheReferenceFolderAndSaysSo() throws Exception {
    // A random sample of the network, with a few fakes as any has; two accounts: one genuine, one that bought 1,500
    // of its 6,400 followers (the newest), with its follower history. They come from a file (a Bluesky handle would
    // be asked of Bluesky itself), their network Bluesky.
    Path refs = Files.createDirectories(data.resolve("refs"));
    StringBuilder ref = new StringBuilder();
    for (org.influencebot.core.account.Account a : blueskyFollowers(31, 480, 0.05)) {
      ref.append(org.influencebot.core.account.AccountJson.write(a)).append('\n');
    }
    Files.writeString(refs.resolve("bluesky.jsonl"), ref.toString());
    java.util.List<org.influencebot.core.account.FollowerPoint> history = new java.util.ArrayList<>();
    java.time.LocalDate day = java.time.LocalDate.of(2026, 7, 5);
    for (int i = 0; i < 120; i++) {
      history.add(new org.influencebot.core.account.FollowerPoint(day.plusDays(i), Math.round(4_720 + 1.5 * i)
          + (i >= 110 ? 1_500 : 0)));
    }
    java.util.List<org.influencebot.core.account.Account> newest = new java.util.ArrayList<>(blueskyFollowers(32, 485, 1));
    newest.addAll(blueskyFollowers(33, 15, 0));
    java.util.Collections.shuffle(newest, new java.util.Random(34));
    org.influencebot.core.account.Account base = org.influencebot.core.account.Account.builder("glowup_daily")
        .network("bluesky").createdAt(java.time.Instant.parse("2022-01-01T00:00:00Z"))
        .observedAt(java.time.Instant.parse("2026-11-01T12:00:00Z")).followers(6_400).following(300).posts(2_000)
        .hasAvatar(true).build();
    org.influencebot.core.account.Account bought = base.toBuilder().followerHistory(history).followerSample(newest)
        .followerSampleMethod(org.influencebot.core.account.Account.SampleMethod.NEWEST).build();
    org.influencebot.core.account.Account genuine = base.toBuilder().handle("daily_genuine")
        .followerSample(blueskyFollowers(35, 300, 0)).followerSampleMethod(org.influencebot.core.account.Account.SampleMethod.RANDOM)
        .build();
    Path accounts = data.resolve("bluesky.jsonl");
    Files.writeString(accounts, org.influencebot.core.account.AccountJson.write(bought) + "\n"
        + org.influencebot.core.account.AccountJson.write(genuine) + "\n");
    Path config = data.resolve("bluesky.yml");
    Files.writeString(config, "data_dir: " + data.resolve("state") + "\naudit:\n  reference_dir: " + refs
        + "\nsource:\n  default: file\n  file: " + accounts + "\n");

    assertThat(run("--config", config.toString(), "score", "@daily_genuine", "--json")).isZero();
    JsonNode g = new ObjectMapper().readTree(out.toString()).get("summary");
    assertThat(g.at("/authenticity/audit/fake_share").asDouble()).isLessThanOrEqualTo(0.10);
    assertThat(g.at("/authenticity/verdict").asText()).isNotEqualTo("likely_inflated");
    assertThat(g.at("/authenticity/audit/reference/network").asText()).isEqualTo("bluesky");
    assertThat(g.at("/authenticity/audit/reference/accounts").asInt()).isEqualTo(480);
    assertThat(g.at("/authenticity/audit/reference/method").asText()).isEqualTo("file");
    assertThat(g.at("/authenticity/audit/reference/sampled_at").asText()).isEqualTo("2026-11-01T12:00:00Z");

    out.getBuffer().setLength(0);
    assertThat(run("--config", config.toString(), "score", "@glowup_daily")).isZero();
    assertThat(out.toString()).contains("measured against 480 Bluesky accounts drawn at random");
    out.getBuffer().setLength(0);
    assertThat(run("--config", config.toString(), "score", "@glowup_daily", "--json")).isZero();
    JsonNode b = new ObjectMapper().readTree(out.toString()).get("summary");
    long authentic = b.at("/influence/authentic_followers").asLong();
    assertThat(authentic).isBetween(Math.round(4_928 * 0.75), Math.round(4_928 * 1.25));

    // Without the folder, the same audience is not measured, and the reply says why.
    Path none = data.resolve("none.yml");
    Files.writeString(none, "data_dir: " + data.resolve("state2") + "\nsource:\n  default: file\n  file: " + accounts + "\n");
    out.getBuffer().setLength(0);
    assertThat(run("--config", none.toString(), "score", "@daily_genuine")).isZero();
    assertThat(out.toString()).contains("no sample of ordinary Bluesky accounts to compare them with");
  }

  @Test
  void comparingWithAnAudienceNotMeasuredClaimsNoAuthenticFigureForIt() {
    assertThat(console("/compare @megastar @locked_down\n")).isZero();
    assertThat(out.toString()).contains("@megastar is more influential than @locked_down")
        .contains("not every audience could be measured").doesNotContain("against 0");
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
  void checkConfigListsTheYardsticksAndRefusesAReferenceFolderThatIsNot() throws Exception {
    Path refs = Files.createDirectories(data.resolve("refs"));
    StringBuilder ref = new StringBuilder();
    for (org.influencebot.core.account.Account a : org.influencebot.core.source.SampleAccounts.followers(
        new java.util.Random(5), 150, 0.05)) {
      ref.append(org.influencebot.core.account.AccountJson.write(a.toBuilder().network(null).build())).append('\n');
    }
    Files.writeString(refs.resolve("instagram.jsonl"), ref.toString());
    Path config = data.resolve("refs.yml");
    Files.writeString(config, "data_dir: " + data.resolve("state") + "\naudit:\n  reference_dir: " + refs + "\n");
    assertThat(run("--config", config.toString(), "check-config")).isZero();
    assertThat(out.toString()).contains("Yardsticks")
        .contains("instagram: measured against 150 accounts drawn 2026-11-01")
        .contains("sample: measured against 500 accounts drawn 2026-11-01")
        .contains("any other network: no yardstick");

    Path missing = data.resolve("missing.yml");
    Files.writeString(missing, "data_dir: " + data.resolve("state") + "\naudit:\n  reference_dir: " + data.resolve("nope") + "\n");
    assertThat(run("--config", missing.toString(), "check-config")).isEqualTo(2);
    assertThat(err.toString()).contains("audit.reference_dir").contains("is not a folder");
    assertThat(run("--config", missing.toString(), "score", "@mid_creator")).isEqualTo(2);
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void scoreWritesTheChartToAFile() throws Exception {
    Path png = data.resolve("mid.png");
    assertThat(run("score", "@mid_creator", "--chart", png.toString())).isZero();
    assertThat(out.toString()).contains("@mid_creator");
    assertThat(err.toString()).contains("Chart written to " + png);
    assertThat(java.util.Arrays.copyOf(Files.readAllBytes(png), 8)).isEqualTo(PNG_SIGNATURE);
  }

  @Test
  void scoreSaysWhyNoChartWasWritten() {
    assertThat(run("score", "@mid_creator", "--chart", data.resolve("no-such-folder/mid.png").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("Could not write").contains("no-such-folder");
    assertThat(run("score", "@mid_creator", "--chart", data.resolve("mid.jpg").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("give a file name ending in .png");
  }

  @Test
  void theConsoleWritesTheChartOfTheLastSummaryOrComparison() throws Exception {
    Path one = data.resolve("one.png");
    Path both = data.resolve("both.png");
    assertThat(console("/chart " + one + "\n/influence @bought_5k\n/chart " + one
        + "\n/compare @megastar @small_person\n/chart " + both + "\n")).isZero();
    assertThat(out.toString()).contains("There is no chart to write yet").contains("Chart written to " + one)
        .contains("Chart written to " + both);
    assertThat(java.util.Arrays.copyOf(Files.readAllBytes(one), 8)).isEqualTo(PNG_SIGNATURE);
    assertThat(Files.readAllBytes(both)).isNotEqualTo(Files.readAllBytes(one));
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
