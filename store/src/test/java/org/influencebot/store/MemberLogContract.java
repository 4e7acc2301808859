package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberLog;
import org.influencebot.core.members.MemberLog.AuditRecord;
import org.influencebot.core.settings.SettingRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's member log ({@link JdbcMemberLog}) behaves as the core's reference, {@code MemoryMemberLog}, on
 * both engines: run by {@link SqliteMemberLogTest} and {@link PostgresMemberLogTest}.
 */
abstract class MemberLogContract {
  static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  static final String DISCORD = "discord";
  static final String GUILD = "111";

  final FakeClock clock = new FakeClock(START);
  StoreLocation location;
  Store store;
  MemberLog log;

  /** A new, empty location for one test. */
  abstract StoreLocation newLocation() throws Exception;

  StoreOptions options(Duration memberRetention) {
    return new StoreOptions(clock, SettingRules.standard(),
        RetentionPolicy.standard().withMemberRetention(memberRetention));
  }

  @BeforeEach
  void openStore() throws Exception {
    location = newLocation();
    store = Store.open(location, options(RetentionPolicy.STANDARD_MEMBER_RETENTION));
    log = store.members();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static Instant daysAgo(int days) {
    return START.minus(Duration.ofDays(days));
  }

  static Member member(String id, Instant joined) {
    return new Member(id, joined, joined.minus(Duration.ofDays(400)), true, false, null);
  }

  static AuditRecord audit(Instant at, int members) {
    return new AuditRecord(at, members, members / 10, OptionalDouble.of(0.25), OptionalDouble.of(0.1),
        OptionalDouble.of(0.4), 2);
  }

  @Test
  void everyFieldOfAJoinRoundTripsAcrossARestartKnownOrNot() {
    Member full = new Member("1", Optional.of(daysAgo(3)), Optional.of(daysAgo(900)), Optional.of(false),
        Optional.of(true), Optional.of(daysAgo(1)), Optional.of(true));
    Member unknown = new Member("2", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
    log.joined(DISCORD, GUILD, full);
    log.joined(DISCORD, GUILD, unknown);

    store.close();
    store = Store.open(location, options(RetentionPolicy.STANDARD_MEMBER_RETENTION));

    assertThat(store.members().members(DISCORD, GUILD)).containsExactlyInAnyOrder(full, unknown);
    assertThat(store.members().members(DISCORD, "other")).isEmpty();
    assertThat(store.members().members("telegram", GUILD)).isEmpty();
  }

  @Test
  void aJoinRecordedTwiceIsOneMember() {
    Member alice = member("1", daysAgo(2));
    log.joined(DISCORD, GUILD, alice);
    log.joined(DISCORD, GUILD, alice);

    assertThat(log.members(DISCORD, GUILD)).containsExactly(alice);
    assertThat(store.statistics().rowCounts()).containsEntry("member_seen", 1L);
  }

  @Test
  void aRejoinClearsTheLeaveAndKeepsTheNewJoinWithTheLatestActivity() {
    log.joined(DISCORD, GUILD, new Member("1", daysAgo(20), daysAgo(400), false, false, daysAgo(15)));
    log.left(DISCORD, GUILD, "1", daysAgo(10));
    assertThat(log.members(DISCORD, GUILD)).isEmpty();
    assertThat(log.leftSince(DISCORD, GUILD, daysAgo(30))).isEqualTo(1);

    log.joined(DISCORD, GUILD, new Member("1", daysAgo(5), daysAgo(400), true, false, null));

    assertThat(log.members(DISCORD, GUILD))
        .containsExactly(new Member("1", daysAgo(5), daysAgo(400), true, false, daysAgo(15)));
    assertThat(log.leftSince(DISCORD, GUILD, daysAgo(30))).isZero();
  }

  @Test
  void activityKeepsTheLatestInstantAndKeepsMembersNeverSeenJoiningWithTheirJoinUnknown() {
    log.joined(DISCORD, GUILD, member("1", daysAgo(30)));
    log.active(DISCORD, GUILD, "1", daysAgo(3));
    log.active(DISCORD, GUILD, "1", daysAgo(7));
    log.active(DISCORD, GUILD, "1", daysAgo(3));
    log.active(DISCORD, GUILD, "stranger", daysAgo(1));

    assertThat(log.members(DISCORD, GUILD)).filteredOn(m -> m.id().equals("1")).singleElement()
        .satisfies(m -> assertThat(m.lastActiveAt()).contains(daysAgo(3)));
    assertThat(log.members(DISCORD, GUILD)).filteredOn(m -> m.id().equals("stranger")).singleElement()
        .isEqualTo(new Member("stranger", null, null, null, null, daysAgo(1)));
    log.active(DISCORD, GUILD, "1", daysAgo(1));
    assertThat(log.members(DISCORD, GUILD)).filteredOn(m -> m.id().equals("1")).singleElement()
        .satisfies(m -> assertThat(m.lastActiveAt()).contains(daysAgo(1)));
    assertThat(store.statistics().rowCounts()).containsEntry("member_seen", 2L);
    // The stranger joins (back) later: its join is kept, its activity too.
    log.joined(DISCORD, GUILD, member("stranger", daysAgo(0)));
    assertThat(log.members(DISCORD, GUILD)).filteredOn(m -> m.id().equals("stranger")).singleElement()
        .satisfies(m -> assertThat(m.lastActiveAt()).contains(daysAgo(1)));
  }

  @Test
  void leftSinceCountsTheLeavesFromThatInstantOnInTheirCommunity() {
    for (int i = 0; i < 5; i++) {
      log.joined(DISCORD, GUILD, member("m" + i, daysAgo(60)));
      log.joined(DISCORD, "other", member("m" + i, daysAgo(60)));
    }
    log.left(DISCORD, GUILD, "m0", daysAgo(40));
    log.left(DISCORD, GUILD, "m1", daysAgo(20));
    log.left(DISCORD, GUILD, "m2", daysAgo(10));
    log.left(DISCORD, GUILD, "m2", daysAgo(10)); // retried: one leave
    log.left(DISCORD, "other", "m3", daysAgo(10));
    log.left(DISCORD, GUILD, "never-joined", daysAgo(5));

    assertThat(log.leftSince(DISCORD, GUILD, daysAgo(30))).isEqualTo(2);
    assertThat(log.leftSince(DISCORD, GUILD, daysAgo(20))).as("from the instant itself").isEqualTo(2);
    assertThat(log.leftSince(DISCORD, GUILD, daysAgo(50))).isEqualTo(3);
    assertThat(log.leftSince(DISCORD, "other", daysAgo(50))).isEqualTo(1);
    assertThat(log.members(DISCORD, GUILD)).extracting(Member::id).containsExactlyInAnyOrder("m3", "m4");
  }

  @Test
  void watchingKeepsTheFirstInstant() {
    assertThat(log.watchingSince(DISCORD, GUILD)).isEmpty();
    log.watching(DISCORD, GUILD, daysAgo(10));
    log.watching(DISCORD, GUILD, daysAgo(3));
    log.watching(DISCORD, GUILD, daysAgo(20));
    log.watching(DISCORD, GUILD, daysAgo(20));

    assertThat(log.watchingSince(DISCORD, GUILD)).contains(daysAgo(20));
    assertThat(log.watchingSince("telegram", GUILD)).isEmpty();
  }

  @Test
  void auditsComeNewestFirstAtMostTheLimitAndAnAuditKeptTwiceIsOne() {
    for (int i = 1; i <= 5; i++) {
      log.audited(DISCORD, GUILD, audit(daysAgo(i * 7), 1000 + i));
    }
    log.audited(DISCORD, GUILD, audit(daysAgo(7), 1001)); // retried
    AuditRecord abstained = new AuditRecord(daysAgo(1), 12, 0, OptionalDouble.empty(), OptionalDouble.empty(),
        OptionalDouble.empty(), 0);
    log.audited(DISCORD, GUILD, abstained);
    log.audited(DISCORD, "other", audit(START, 5));

    assertThat(log.audits(DISCORD, GUILD, 3)).containsExactly(abstained, audit(daysAgo(7), 1001),
        audit(daysAgo(14), 1002));
    assertThat(log.audits(DISCORD, GUILD, 100)).hasSize(6);
    assertThat(log.audits(DISCORD, GUILD, 0)).isEmpty();
    assertThat(log.audits("telegram", GUILD, 10)).isEmpty();
    assertThat(store.statistics().rowCounts()).containsEntry("member_audit", 7L);
  }

  @Test
  void forgetBeforeDropsLeavesActivityAndAuditsOlderThanTheCutoffAndKeepsCurrentMembers() {
    log.joined(DISCORD, GUILD, member("old-leaver", daysAgo(100)));
    log.left(DISCORD, GUILD, "old-leaver", daysAgo(50));
    log.joined(DISCORD, GUILD, member("recent-leaver", daysAgo(100)));
    log.left(DISCORD, GUILD, "recent-leaver", daysAgo(5));
    log.joined(DISCORD, GUILD, member("long-standing", daysAgo(150)));
    log.active(DISCORD, GUILD, "long-standing", daysAgo(60));
    log.joined(DISCORD, GUILD, member("lively", daysAgo(150)));
    log.active(DISCORD, GUILD, "lively", daysAgo(2));
    log.active(DISCORD, GUILD, "quiet-before-the-bot", daysAgo(40));
    log.active(DISCORD, GUILD, "talks-before-the-bot", daysAgo(4));
    log.audited(DISCORD, GUILD, audit(daysAgo(45), 10));
    log.audited(DISCORD, GUILD, audit(daysAgo(15), 11));

    int removed = log.forgetBefore(daysAgo(30));

    assertThat(removed).as("one leaver, one activity, one member known by old activity only, one audit")
        .isEqualTo(4);
    assertThat(log.members(DISCORD, GUILD)).containsExactlyInAnyOrder(member("long-standing", daysAgo(150)),
        new Member("lively", daysAgo(150), daysAgo(550), true, false, daysAgo(2)),
        new Member("talks-before-the-bot", null, null, null, null, daysAgo(4)));
    assertThat(log.leftSince(DISCORD, GUILD, Instant.EPOCH)).as("the recent leaver stays").isEqualTo(1);
    assertThat(log.audits(DISCORD, GUILD, 10)).containsExactly(audit(daysAgo(15), 11));
    assertThat(log.forgetBefore(daysAgo(30))).as("nothing left to forget").isZero();
  }

  @Test
  void theRetentionIsSweptOnTheFirstWriteThenOnceADay() {
    store.close();
    store = Store.open(location, options(Duration.ofDays(30)));
    log = store.members();

    log.audited(DISCORD, GUILD, audit(daysAgo(40), 1));
    assertThat(log.audits(DISCORD, GUILD, 10)).as("older than the retention: swept by the first write").isEmpty();

    log.audited(DISCORD, GUILD, audit(daysAgo(10), 2));
    clock.advance(Duration.ofHours(23));
    log.audited(DISCORD, GUILD, audit(daysAgo(31), 3));
    assertThat(log.audits(DISCORD, GUILD, 10)).as("not a day since the last sweep").hasSize(2);

    clock.advance(Duration.ofHours(1));
    log.joined(DISCORD, GUILD, member("1", START));
    assertThat(log.audits(DISCORD, GUILD, 10)).as("a day later: swept again")
        .containsExactly(audit(daysAgo(10), 2));
  }

  @Test
  void aHundredThousandMembersComeBackAsWritten() {
    int n = 100_000;
    List<Member> written = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant joined = daysAgo(i % 150).minusSeconds(i); // activity within the retention: kept
      written.add(new Member(Integer.toString(1_000_000 + i), Optional.of(joined),
          i % 7 == 0 ? Optional.empty() : Optional.of(joined.minus(Duration.ofDays(i % 1000))),
          i % 5 == 0 ? Optional.empty() : Optional.of(i % 2 == 0),
          Optional.of(i % 97 == 0),
          i % 3 == 0 ? Optional.of(joined.plus(Duration.ofHours(i % 48))) : Optional.empty(),
          i % 11 == 0 ? Optional.of(true) : Optional.empty()));
    }
    insertAtOnce(written);
    log.joined(DISCORD, "other", member("elsewhere", START));
    log.left(DISCORD, GUILD, "1000000", START);

    List<Member> read = null;
    long millis = Long.MAX_VALUE;
    for (int round = 0; round < 3; round++) { // the best of three: the first also loads and compiles the code
      long began = System.nanoTime();
      read = log.members(DISCORD, GUILD);
      millis = Math.min(millis, (System.nanoTime() - began) / 1_000_000);
    }

    assertThat(read).hasSize(n - 1);
    List<Member> sorted = new ArrayList<>(read);
    sorted.sort(java.util.Comparator.comparing(Member::id));
    // Compared as sorted lists: AssertJ's any-order comparison is quadratic, minutes for 100,000.
    List<Member> expected = written.subList(1, n);
    for (int i = 0; i < n - 1; i++) {
      if (!sorted.get(i).equals(expected.get(i))) {
        assertThat(sorted.get(i)).as("member %d", i).isEqualTo(expected.get(i));
      }
    }
    // Not asserted (a loaded machine would fail it); docs/store.md gives the figure.
    System.out.println(getClass().getSimpleName() + ": " + (n - 1) + " members read in " + millis + " ms (best of 3)");
  }

  /**
   * The rows {@link MemberLog#joined} would write, in one transaction: 100,000 separate writes would time the
   * disk's syncs, not the read. The field mapping of {@code joined} itself is checked above.
   */
  private void insertAtOnce(List<Member> members) {
    ((JdbcStore) store).database().inTransaction("insert members for a test", c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO member_seen (platform, community, member_id, "
          + "joined_at, created_at, has_avatar, is_bot, pending, active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int batch = 0;
        for (Member m : members) {
          insert.setString(1, DISCORD);
          insert.setString(2, GUILD);
          insert.setString(3, m.id());
          setMillis(insert, 4, m.joinedAt());
          setMillis(insert, 5, m.createdAt());
          setFlag(insert, 6, m.hasAvatar());
          setFlag(insert, 7, m.bot());
          setFlag(insert, 8, m.pending());
          setMillis(insert, 9, m.lastActiveAt());
          insert.addBatch();
          if (++batch % 5_000 == 0) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  private static void setMillis(PreparedStatement s, int i, Optional<Instant> v) throws java.sql.SQLException {
    if (v.isPresent()) {
      s.setLong(i, v.get().toEpochMilli());
    } else {
      s.setNull(i, Types.BIGINT);
    }
  }

  private static void setFlag(PreparedStatement s, int i, Optional<Boolean> v) throws java.sql.SQLException {
    if (v.isPresent()) {
      s.setShort(i, (short) (v.get() ? 1 : 0));
    } else {
      s.setNull(i, Types.SMALLINT);
    }
  }
}
