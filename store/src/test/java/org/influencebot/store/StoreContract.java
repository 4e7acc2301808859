package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.influencebot.core.settings.SettingRules;
import org.influencebot.core.settings.ScopeSettings;
import org.influencebot.core.settings.InvalidSettingException;

/** What every store does, whatever the engine: run by {@link SqliteStoreTest} and {@link PostgresStoreTest}. */
abstract class StoreContract {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  static final Scope SERVER = Scope.discordServer("111");
  static final Scope OTHER_SERVER = Scope.discordServer("222");
  static final Member ALICE = new Member(Platform.DISCORD, "9001");
  static final Member BOB = new Member(Platform.TELEGRAM, "9001");

  final FakeClock clock = new FakeClock(START);
  /** The settings cache's time: moves only when a test says so. */
  final AtomicLong tickerNanos = new AtomicLong();
  StoreLocation location;
  Store store;

  /** A new, empty location for one test. */
  abstract StoreLocation newLocation() throws Exception;

  /** A plain JDBC connection to the same database, to do what the store never would. */
  abstract Connection rawConnection() throws SQLException;

  StoreOptions options() {
    return new StoreOptions(clock, SettingRules.standard(), new RetentionPolicy(5, Duration.ofDays(90)))
        .withSettingsCache(SETTINGS_CACHE, tickerNanos::get);
  }

  static final Duration SETTINGS_CACHE = Duration.ofSeconds(5);

  @BeforeEach
  void openStore() throws Exception {
    location = newLocation();
    store = Store.open(location, options());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  Store reopened() {
    store.close();
    store = Store.open(location, options());
    return store;
  }

  // --- sharing the database with another process (a second Store on the same location stands for it)

  @Test
  void anotherProcessWritesRightAfterThisOneWithoutWaiting() {
    store.links().link(ALICE, "@alice");
    store.history().record(point("alice", START, 50, OptionalLong.of(1000)));
    store.settings().change(SERVER, "mod1", "cooldown", "30");

    // No busy wait at all: any lock this store still held after its calls returned would fail at once.
    try (Store other = Store.open(location, options().withBusyTimeout(Duration.ZERO))) {
      other.settings().change(SERVER, "console", "cooldown", "60");
      other.links().link(BOB, "@bob");
      other.history().record(point("alice", START, 51, OptionalLong.of(1001)));
      assertThat(other.links().linkOf(ALICE)).map(LinkedHandle::handle).contains("@alice");
    }
    store.links().link(ALICE, "@alice2");
    assertThat(store.history().pointsSince("bluesky", "alice", START)).hasSize(2);
  }

  @Test
  void aChangeThroughThisStoreIsSeenAtOnceAndOneByAnotherProcessWhenTheCachedSettingsExpire() {
    assertThat(store.settings().settingsOf(SERVER).cooldown()).hasSeconds(5);
    store.settings().change(SERVER, "mod1", "cooldown", "30");
    assertThat(store.settings().settingsOf(SERVER).cooldown()).as("own change, at once").hasSeconds(30);

    try (Store other = Store.open(location, options())) {
      other.settings().change(SERVER, "mod2", "cooldown", "60");
      assertThat(other.settings().settingsOf(SERVER).cooldown()).hasSeconds(60);
    }
    tickerNanos.addAndGet(SETTINGS_CACHE.minusMillis(1).toNanos());
    assertThat(store.settings().settingsOf(SERVER).cooldown()).as("still the cached value").hasSeconds(30);
    tickerNanos.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(store.settings().settingsOf(SERVER).cooldown()).as("read again once expired").hasSeconds(60);
    assertThat(store.settings().settingsOf(OTHER_SERVER)).as("other scopes untouched")
        .isEqualTo(SettingRules.standard().defaults());
  }

  @Test
  void aResetIsSeenAtOnceToo() {
    store.settings().change(SERVER, "mod1", "language", "fr");
    assertThat(store.settings().settingsOf(SERVER).language()).contains(Locale.FRENCH);

    store.settings().reset(SERVER, "mod1", "language");

    assertThat(store.settings().settingsOf(SERVER).language()).isEmpty();
  }

  // --- settings

  @Test
  void aScopeNobodyConfiguredHasTheDefaults() {
    ScopeSettings settings = store.settings().settingsOf(SERVER);

    assertThat(settings).isEqualTo(SettingRules.standard().defaults());
    assertThat(settings.language()).isEmpty();
    assertThat(settings.answersIn("any-channel")).isTrue();
  }

  @Test
  void changedSettingsSurviveARestartAndStayInTheirScope() {
    store.settings().change(SERVER, "mod1", "language", "fr");
    store.settings().change(SERVER, "mod1", "private-replies", "on");
    store.settings().change(SERVER, "mod1", "channels", "<#123>, 456");
    store.settings().change(SERVER, "mod1", "cooldown", "30s");
    store.settings().change(SERVER, "mod1", "network", "Mastodon");
    store.settings().change(SERVER, "mod1", "commands", "/influence, compare");

    ScopeSettings settings = reopened().settings().settingsOf(SERVER);

    assertThat(settings.language()).contains(Locale.FRENCH);
    assertThat(settings.privateReplies()).isTrue();
    assertThat(settings.answerChannels()).containsExactlyInAnyOrder("123", "456");
    assertThat(settings.answersIn("789")).isFalse();
    assertThat(settings.cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.defaultNetwork()).isEqualTo("mastodon");
    assertThat(settings.enabledCommands()).containsExactlyInAnyOrder("influence", "compare");
    assertThat(store.settings().settingsOf(OTHER_SERVER)).isEqualTo(SettingRules.standard().defaults());
    assertThat(store.settings().settingsOf(Scope.telegramChat("111"))).isEqualTo(SettingRules.standard().defaults());
  }

  @Test
  void resetPutsOneKeyBackToItsDefault() {
    store.settings().change(SERVER, "mod1", "cooldown", "60");
    store.settings().change(SERVER, "mod1", "language", "en");

    ScopeSettings settings = store.settings().reset(SERVER, "mod2", "cooldown");

    assertThat(settings.cooldown()).isEqualTo(SettingRules.standard().defaults().cooldown());
    assertThat(settings.language()).contains(Locale.ENGLISH);
  }

  @Test
  void aBadValueIsRefusedWithTheKeyAndTheValidValuesAndChangesNothing() {
    store.settings().change(SERVER, "mod1", "cooldown", "10");

    assertThatThrownBy(() -> store.settings().change(SERVER, "mod1", "cooldown", "soon"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("\"soon\" is not a valid value for cooldown: use a whole number of seconds from 0 to 3600.");
    assertThatThrownBy(() -> store.settings().change(SERVER, "mod1", "colour", "blue"))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessage("Unknown setting \"colour\": the settings are language, private-replies, channels, cooldown, "
            + "network, commands.");

    assertThat(store.settings().settingsOf(SERVER).cooldown()).isEqualTo(Duration.ofSeconds(10));
    assertThat(store.audit().recent(SERVER, 10)).hasSize(1);
  }

  @Test
  void everyChangeIsAuditedWithWhoWhatWhenAndBothValues() {
    store.settings().change(SERVER, "mod1", "cooldown", "30");
    clock.advance(Duration.ofMinutes(5));
    store.settings().change(SERVER, "mod2", "cooldown", "60");
    clock.advance(Duration.ofMinutes(5));
    store.settings().reset(SERVER, "mod1", "cooldown");
    store.settings().change(OTHER_SERVER, "mod9", "language", "fr");

    List<AuditEntry> log = reopened().audit().recent(SERVER, 10);

    assertThat(log).containsExactly(
        new AuditEntry(SERVER, "mod1", "cooldown", "60", "5", START.plus(Duration.ofMinutes(10))),
        new AuditEntry(SERVER, "mod2", "cooldown", "30", "60", START.plus(Duration.ofMinutes(5))),
        new AuditEntry(SERVER, "mod1", "cooldown", "5", "30", START));
    assertThat(store.audit().recent(SERVER, 1)).hasSize(1);
    assertThat(store.audit().recent(OTHER_SERVER, 10))
        .containsExactly(new AuditEntry(OTHER_SERVER, "mod9", "language", "auto", "fr", START.plus(Duration.ofMinutes(10))));
  }

  // --- links

  @Test
  void aLinkedHandleSurvivesARestartWithWhenItWasLinked() {
    store.links().link(ALICE, "@alice.bsky.social");

    Optional<LinkedHandle> link = reopened().links().linkOf(ALICE);

    assertThat(link).contains(new LinkedHandle(ALICE, "@alice.bsky.social", START));
    assertThat(store.links().linkOf(BOB)).isEmpty();
  }

  @Test
  void linkingAgainReplacesTheHandle() {
    store.links().link(ALICE, "@alice.bsky.social");
    clock.advance(Duration.ofDays(1));
    store.links().link(ALICE, "mastodon:alice@mastodon.social");

    assertThat(store.links().linkOf(ALICE))
        .contains(new LinkedHandle(ALICE, "mastodon:alice@mastodon.social", START.plus(Duration.ofDays(1))));
  }

  @Test
  void aMemberUnlinksTheirOwnHandle() {
    store.links().link(ALICE, "@alice");
    store.links().link(BOB, "@bob");

    assertThat(store.links().unlink(ALICE)).isTrue();
    assertThat(store.links().unlink(ALICE)).isFalse();
    assertThat(store.links().linkOf(ALICE)).isEmpty();
    assertThat(store.links().linkOf(BOB)).isPresent();
  }

  @Test
  void aModeratorRemovesALinkAndTheAuditLogSaysWhose() {
    store.links().link(ALICE, "@not-really-alice");

    assertThat(store.links().removeByModerator(SERVER, "mod1", ALICE)).isTrue();
    assertThat(store.links().removeByModerator(SERVER, "mod1", ALICE)).isFalse();

    assertThat(store.links().linkIn(SERVER, ALICE)).isEmpty();
    assertThat(store.audit().recent(SERVER, 10))
        .containsExactly(new AuditEntry(SERVER, "mod1", "unlink:9001", "@not-really-alice", "", START));
  }

  @Test
  void aModeratorsRemovalHoldsInTheirServerOnlyUntilTheMemberLinksAgain() {
    store.links().link(ALICE, "@alice");
    store.links().link(BOB, "@bob");
    clock.advance(Duration.ofMinutes(1));

    // A server made for the purpose: its moderator removes Alice's link there, and only there.
    assertThat(store.links().removeByModerator(OTHER_SERVER, "mallory", ALICE)).isTrue();
    assertThat(store.links().linkIn(OTHER_SERVER, ALICE)).isEmpty();
    assertThat(store.links().linkIn(SERVER, ALICE).orElseThrow().handle()).isEqualTo("@alice");
    assertThat(store.links().linkOf(ALICE).orElseThrow().handle()).isEqualTo("@alice");
    assertThat(store.links().linkIn(OTHER_SERVER, BOB)).as("another member, another platform").isPresent();
    assertThat(store.audit().recent(OTHER_SERVER, 10)).extracting(AuditEntry::userId).containsExactly("mallory");
    assertThat(store.audit().recent(SERVER, 10)).as("logged where it acts, nowhere else").isEmpty();

    // The member links again: their choice, seen there too.
    clock.advance(Duration.ofMinutes(1));
    store.links().link(ALICE, "@alice");
    assertThat(store.links().linkIn(OTHER_SERVER, ALICE)).isPresent();
  }

  // --- history

  @Test
  void pointsSinceATimeComeOldestFirstWithUnknownsKept() {
    store.history().record(point("alice", START.minus(Duration.ofDays(40)), 50, OptionalLong.of(1000)));
    store.history().record(point("alice", START.minus(Duration.ofDays(20)), 52, OptionalLong.empty()));
    store.history().record(point("alice", START.minus(Duration.ofDays(1)), 54, OptionalLong.of(1200)));
    store.history().record(point("bob", START.minus(Duration.ofDays(1)), 10, OptionalLong.of(5)));

    List<ScorePoint> month = reopened().history().pointsSince("Bluesky", "ALICE", START.minus(Duration.ofDays(30)));

    assertThat(month).extracting(ScorePoint::influenceScore).containsExactly(52.0, 54.0);
    assertThat(month.get(0).followers()).isEmpty();
    assertThat(month.get(1)).isEqualTo(point("alice", START.minus(Duration.ofDays(1)), 54, OptionalLong.of(1200)));
  }

  @Test
  void historyKeepsAtMostTheNewestPointsOfEachHandle() {
    for (int i = 0; i < 8; i++) {
      store.history().record(point("alice", START.minus(Duration.ofHours(8 - i)), i, OptionalLong.of(i)));
    }
    store.history().record(point("bob", START, 1, OptionalLong.empty()));

    List<ScorePoint> all = store.history().pointsSince("bluesky", "alice", Instant.EPOCH);

    assertThat(all).extracting(ScorePoint::influenceScore).containsExactly(3.0, 4.0, 5.0, 6.0, 7.0);
    assertThat(store.history().pointsSince("bluesky", "bob", Instant.EPOCH)).hasSize(1);
  }

  @Test
  void historyDropsPointsOlderThanTheRetentionWindow() {
    store.history().record(point("alice", START.minus(Duration.ofDays(100)), 1, OptionalLong.empty()));
    store.history().record(point("alice", START.minus(Duration.ofDays(80)), 2, OptionalLong.empty()));
    clock.advance(Duration.ofDays(15));
    store.history().record(point("alice", START, 3, OptionalLong.empty()));

    assertThat(store.history().pointsSince("bluesky", "alice", Instant.EPOCH))
        .extracting(ScorePoint::influenceScore).containsExactly(3.0);
  }

  // --- statistics

  @Test
  void statisticsCountRowsAndNameTheSchemaVersion() {
    store.links().link(ALICE, "@alice");
    store.settings().change(SERVER, "mod1", "cooldown", "30");
    store.history().record(point("alice", START, 3, OptionalLong.empty()));
    store.history().record(point("alice", START.plusSeconds(1), 4, OptionalLong.empty()));

    StoreStatistics statistics = store.statistics();

    assertThat(statistics.schemaVersion()).isEqualTo(SchemaMigrations.ALL.size());
    assertThat(statistics.rowCounts()).containsEntry("linked_handle", 1L).containsEntry("scope_setting", 1L)
        .containsEntry("score_point", 2L).containsEntry("setting_audit", 1L);
    assertThat(statistics.sizeBytes()).isPresent();
    assertThat(statistics.sizeBytes().getAsLong()).isPositive();
    assertThat(statistics.engine()).matches("(SQLite|PostgreSQL) \\d+\\.\\d+.*");
  }

  @Test
  void reopeningAppliesNoMigrationTwice() {
    store.links().link(ALICE, "@alice");

    StoreStatistics statistics = reopened().statistics();

    assertThat(statistics.schemaVersion()).isEqualTo(SchemaMigrations.ALL.size());
    assertThat(statistics.rowCounts()).containsEntry("linked_handle", 1L);
  }

  @Test
  void theStoreCanBeUsedFromSeveralThreads() throws Exception {
    List<Thread> threads = new java.util.ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          store.links().link(new Member(Platform.DISCORD, "t" + thread + "-" + i), "@h" + i);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(store.statistics().rowCounts()).containsEntry("linked_handle", 40L);
  }

  // --- schema

  @Test
  void aSchemaNewerThanThisCodeStopsTheStoreAndSaysWhatToDo() throws Exception {
    store.links().link(ALICE, "@alice");
    store.close();
    try (Connection c = rawConnection(); Statement statement = c.createStatement()) {
      statement.execute("INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (99, 'future', 0, 0)");
    }

    assertThatThrownBy(() -> Store.open(location, options()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("has schema version 99 but this influence-bot knows versions up to " + SchemaMigrations.ALL.size())
        .hasMessageEndingWith("Run that newer version, or restore a backup taken before the upgrade.");

    try (Connection c = rawConnection(); Statement statement = c.createStatement()) {
      statement.execute("DELETE FROM schema_version WHERE version = 99");
    }
    store = Store.open(location, options());
    assertThat(store.links().linkOf(ALICE)).isPresent();
  }

  @Test
  void aReleasedMigrationThatWasEditedIsRefused() throws Exception {
    store.close();
    try (Connection c = rawConnection(); Statement statement = c.createStatement()) {
      statement.execute("UPDATE schema_version SET checksum = checksum + 1 WHERE version = 1");
    }

    assertThatThrownBy(() -> Store.open(location, options()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Migration V1 (" + SchemaMigrations.ALL.get(0).description() + ") differs from the one applied");

    try (Connection c = rawConnection(); Statement statement = c.createStatement()) {
      statement.execute("UPDATE schema_version SET checksum = checksum - 1 WHERE version = 1");
    }
    store = Store.open(location, options());
  }

  @Test
  void ourTablesWithoutASchemaVersionAreNotTakenForAnEmptyStore() throws Exception {
    store.links().link(ALICE, "@alice");
    store.close();
    try (Connection c = rawConnection(); Statement statement = c.createStatement()) {
      statement.execute("DROP TABLE schema_version");
    }

    assertThatThrownBy(() -> Store.open(location, options()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("but no schema_version table");

    try (Connection c = rawConnection(); Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM linked_handle")) {
      rows.next();
      assertThat(rows.getLong(1)).as("nothing dropped or recreated").isEqualTo(1);
    }
  }

  // --- reference samples

  static org.influencebot.core.reference.Reference reference(String network, Instant at, int size) {
    List<org.influencebot.core.account.Account> accounts = new java.util.ArrayList<>();
    for (int i = 0; i < size; i++) {
      accounts.add(org.influencebot.core.account.Account.builder("a" + i + ".bsky.social").network(network)
          .id("did:plc:a" + i).followers(i * 3L).following(40).posts(i).hasAvatar(i % 2 == 0)
          .createdAt(Instant.parse("2024-01-01T00:00:00Z")).observedAt(at).bio("line one\nline two").build());
    }
    return new org.influencebot.core.reference.Reference(network, accounts, at,
        org.influencebot.core.reference.Reference.Method.BLUESKY_RELAY, "random listRepos pages of bsky.network");
  }

  @Test
  void aReferenceSampleRoundTripsWithItsDateAcrossARestart() {
    assertThat(store.references().load("bluesky")).isEmpty();
    org.influencebot.core.reference.Reference r = reference("bluesky", START.minus(Duration.ofDays(2)), 500);
    store.references().save(r);

    org.influencebot.core.reference.Reference back = reopened().references().load("bluesky").orElseThrow();
    assertThat(back).isEqualTo(r);
    assertThat(store.references().load("mastodon")).isEmpty();
  }

  @Test
  void aReferenceSampleIsReplacedByANewerOneOnly() {
    org.influencebot.core.reference.Reference older = reference("bluesky", START.minus(Duration.ofDays(9)), 3);
    org.influencebot.core.reference.Reference newer = reference("bluesky", START.minus(Duration.ofDays(1)), 4);
    store.references().save(newer);
    store.references().save(older);
    assertThat(store.references().load("bluesky")).contains(newer);

    org.influencebot.core.reference.Reference newest = reference("bluesky", START, 5);
    try (Store other = Store.open(location, options())) {
      other.references().save(newest);
    }
    assertThat(store.references().load("bluesky")).contains(newest);
  }

  static ScorePoint point(String handle, Instant at, double influence, OptionalLong followers) {
    return new ScorePoint("bluesky", handle, at, influence, 100 - influence, followers,
        followers.isPresent() ? OptionalLong.of(followers.getAsLong() / 2) : OptionalLong.empty());
  }

}
