package org.influencebot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member log in tables {@code member_watch}, {@code member_seen} and {@code member_audit} (migration V3): ids
 * and times only, never a name or a message. Every write is one statement keyed by (platform, community, member
 * id) or (platform, community, audit instant), so a write done twice (retried after a lost connection, or a join
 * event delivered again) leaves the same rows as once.
 *
 * <p>Retention ({@link RetentionPolicy#memberMaxAge()}, {@code store.member_retention}): {@link #forgetBefore} is
 * swept on the first write of this process and then at most once a day, on the next write, in its own transaction.
 */
final class JdbcMemberLog implements MemberLog {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcMemberLog.class);
  /** The most often the retention sweep runs. */
  static final Duration SWEEP_EVERY = Duration.ofDays(1);
  /** Rows fetched at a time when reading members (PostgreSQL; SQLite steps through its rows anyway). */
  private static final int FETCH = 2_000;

  private final Database database;
  private final Clock clock;
  private final Duration retention;
  /** When the last sweep ran, in the clock's milliseconds; none yet at first. */
  private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

  JdbcMemberLog(Database database, Clock clock, Duration retention) {
    this.database = database;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public void watching(String platform, String community, Instant since) {
    database.inTransaction("note when the bot started watching " + platform + " " + community, c -> {
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO member_watch (platform, community, since) "
          + "VALUES (?, ?, ?) ON CONFLICT (platform, community) DO UPDATE SET since = excluded.since "
          + "WHERE member_watch.since > excluded.since")) {
        upsert.setString(1, platform);
        upsert.setString(2, community);
        upsert.setLong(3, since.toEpochMilli());
        upsert.executeUpdate();
      }
      return null;
    });
    sweepIfDue();
  }

  @Override
  public Optional<Instant> watchingSince(String platform, String community) {
    return database.inTransaction("read since when the bot watches " + platform + " " + community, c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT since FROM member_watch WHERE platform = ? AND community = ?")) {
        select.setString(1, platform);
        select.setString(2, community);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(Instant.ofEpochMilli(rows.getLong(1))) : Optional.<Instant>empty();
        }
      }
    });
  }

  @Override
  public void joined(String platform, String community, Member member) {
    database.inTransaction("record a member's join in " + platform + " " + community, c -> {
      // Replaces an earlier record of the member (who left and came back), clears its leave, keeps the latest
      // activity of the two: CASE rather than max()/greatest(), which treat NULL differently on the two engines.
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO member_seen (platform, community, member_id, "
          + "joined_at, created_at, has_avatar, is_bot, pending, left_at, active_at) "
          + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) "
          + "ON CONFLICT (platform, community, member_id) DO UPDATE SET joined_at = excluded.joined_at, "
          + "created_at = excluded.created_at, has_avatar = excluded.has_avatar, is_bot = excluded.is_bot, "
          + "pending = excluded.pending, left_at = NULL, active_at = CASE "
          + "WHEN member_seen.active_at IS NULL THEN excluded.active_at "
          + "WHEN excluded.active_at IS NULL OR excluded.active_at < member_seen.active_at THEN member_seen.active_at "
          + "ELSE excluded.active_at END")) {
        upsert.setString(1, platform);
        upsert.setString(2, community);
        upsert.setString(3, member.id());
        setInstant(upsert, 4, member.joinedAt());
        setInstant(upsert, 5, member.createdAt());
        setFlag(upsert, 6, member.hasAvatar());
        setFlag(upsert, 7, member.bot());
        setFlag(upsert, 8, member.pending());
        setInstant(upsert, 9, member.lastActiveAt());
        upsert.executeUpdate();
      }
      return null;
    });
    sweepIfDue();
  }

  @Override
  public void left(String platform, String community, String memberId, Instant at) {
    database.inTransaction("record a member's leave in " + platform + " " + community, c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE member_seen SET left_at = ? WHERE platform = ? AND community = ? AND member_id = ?")) {
        update.setLong(1, at.toEpochMilli());
        update.setString(2, platform);
        update.setString(3, community);
        update.setString(4, memberId);
        update.executeUpdate();
      }
      return null;
    });
    sweepIfDue();
  }

  @Override
  public void active(String platform, String community, String memberId, Instant at) {
    long when = at.toEpochMilli();
    database.inTransaction("record a member's activity in " + platform + " " + community, c -> {
      // A member never seen joining (there before the bot watched) gets a row of its own, its join unknown.
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO member_seen (platform, community, member_id, "
          + "active_at) VALUES (?, ?, ?, ?) ON CONFLICT (platform, community, member_id) DO UPDATE SET active_at = "
          + "CASE WHEN member_seen.active_at IS NULL OR member_seen.active_at < excluded.active_at "
          + "THEN excluded.active_at ELSE member_seen.active_at END")) {
        upsert.setString(1, platform);
        upsert.setString(2, community);
        upsert.setString(3, memberId);
        upsert.setLong(4, when);
        upsert.executeUpdate();
      }
      return null;
    });
    sweepIfDue();
  }

  @Override
  public List<Member> members(String platform, String community) {
    return database.inTransaction("read the members of " + platform + " " + community, c -> {
      // One query on the primary key's prefix, read as it streams (100,000 members: tens of milliseconds).
      try (PreparedStatement select = c.prepareStatement("SELECT member_id, joined_at, created_at, has_avatar, "
          + "is_bot, active_at, pending FROM member_seen WHERE platform = ? AND community = ? AND left_at IS NULL")) {
        select.setFetchSize(FETCH);
        select.setString(1, platform);
        select.setString(2, community);
        List<Member> members = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            members.add(new Member(rows.getString(1), instant(rows, 2), instant(rows, 3), flag(rows, 4),
                flag(rows, 5), instant(rows, 6), flag(rows, 7)));
          }
        }
        return members;
      }
    });
  }

  @Override
  public int leftSince(String platform, String community, Instant since) {
    return database.inTransaction("count the members who left " + platform + " " + community, c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM member_seen "
          + "WHERE platform = ? AND community = ? AND left_at >= ?")) {
        select.setString(1, platform);
        select.setString(2, community);
        select.setLong(3, since.toEpochMilli());
        try (ResultSet rows = select.executeQuery()) {
          rows.next();
          return rows.getInt(1);
        }
      }
    });
  }

  @Override
  public void audited(String platform, String community, AuditRecord record) {
    database.inTransaction("keep a member audit of " + platform + " " + community, c -> {
      try (PreparedStatement upsert = c.prepareStatement("INSERT INTO member_audit (platform, community, at, members, "
          + "recent_joiners, bought_share, low, high, waves) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
          + "ON CONFLICT (platform, community, at) DO UPDATE SET members = excluded.members, "
          + "recent_joiners = excluded.recent_joiners, bought_share = excluded.bought_share, low = excluded.low, "
          + "high = excluded.high, waves = excluded.waves")) {
        upsert.setString(1, platform);
        upsert.setString(2, community);
        upsert.setLong(3, record.at().toEpochMilli());
        upsert.setInt(4, record.members());
        upsert.setInt(5, record.recentJoiners());
        setShare(upsert, 6, record.boughtShare());
        setShare(upsert, 7, record.low());
        setShare(upsert, 8, record.high());
        upsert.setInt(9, record.waves());
        upsert.executeUpdate();
      }
      return null;
    });
    sweepIfDue();
  }

  @Override
  public List<AuditRecord> audits(String platform, String community, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return database.inTransaction("read the member audits of " + platform + " " + community, c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT at, members, recent_joiners, bought_share, low, high, "
          + "waves FROM member_audit WHERE platform = ? AND community = ? ORDER BY at DESC LIMIT ?")) {
        select.setString(1, platform);
        select.setString(2, community);
        select.setInt(3, limit);
        List<AuditRecord> audits = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            audits.add(new AuditRecord(Instant.ofEpochMilli(rows.getLong(1)), rows.getInt(2), rows.getInt(3),
                share(rows, 4), share(rows, 5), share(rows, 6), rows.getInt(7)));
          }
        }
        return List.copyOf(audits);
      }
    });
  }

  @Override
  public int forgetBefore(Instant before) {
    long cutoff = before.toEpochMilli();
    return database.inTransaction("forget members and audits older than the member retention", c -> {
      int removed = 0;
      try (PreparedStatement gone = c.prepareStatement(
          "DELETE FROM member_seen WHERE left_at IS NOT NULL AND left_at < ?")) {
        gone.setLong(1, cutoff);
        removed += gone.executeUpdate();
      }
      try (PreparedStatement onlyActive = c.prepareStatement("DELETE FROM member_seen WHERE active_at < ? "
          + "AND joined_at IS NULL AND created_at IS NULL AND left_at IS NULL")) {
        // Members known only by that activity.
        onlyActive.setLong(1, cutoff);
        removed += onlyActive.executeUpdate();
      }
      try (PreparedStatement activity = c.prepareStatement(
          "UPDATE member_seen SET active_at = NULL WHERE active_at < ?")) {
        activity.setLong(1, cutoff);
        removed += activity.executeUpdate();
      }
      try (PreparedStatement audits = c.prepareStatement("DELETE FROM member_audit WHERE at < ?")) {
        audits.setLong(1, cutoff);
        removed += audits.executeUpdate();
      }
      return removed;
    });
  }

  /**
   * The retention sweep, when a day has passed since the last one (or none ran yet): after the write, in its own
   * transaction. A failure is logged, not thrown: the write it follows was saved, and the next day sweeps again.
   */
  void sweepIfDue() {
    long now = clock.millis();
    long last = lastSweep.get();
    if (last != Long.MIN_VALUE && now - last < SWEEP_EVERY.toMillis()) {
      return;
    }
    if (!lastSweep.compareAndSet(last, now)) {
      return; // another thread sweeps
    }
    try {
      int removed = forgetBefore(clock.instant().minus(retention));
      if (removed > 0) {
        LOG.info("Member log: {} records older than the member retention ({} days) forgotten", removed,
            retention.toDays());
      }
    } catch (StoreException e) {
      LOG.warn("Member log: the retention sweep failed, tried again in a day: {}", e.getMessage());
    }
  }

  private static void setInstant(PreparedStatement statement, int index, Optional<Instant> value) throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.get().toEpochMilli());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  private static void setFlag(PreparedStatement statement, int index, Optional<Boolean> value) throws SQLException {
    if (value.isPresent()) {
      statement.setShort(index, (short) (value.get() ? 1 : 0));
    } else {
      statement.setNull(index, Types.SMALLINT);
    }
  }

  private static void setShare(PreparedStatement statement, int index, OptionalDouble value) throws SQLException {
    if (value.isPresent()) {
      statement.setDouble(index, value.getAsDouble());
    } else {
      statement.setNull(index, Types.DOUBLE);
    }
  }

  private static Optional<Instant> instant(ResultSet rows, int index) throws SQLException {
    long value = rows.getLong(index);
    return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
  }

  private static Optional<Boolean> flag(ResultSet rows, int index) throws SQLException {
    int value = rows.getInt(index);
    return rows.wasNull() ? Optional.empty() : Optional.of(value != 0);
  }

  private static OptionalDouble share(ResultSet rows, int index) throws SQLException {
    double value = rows.getDouble(index);
    return rows.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
  }
}
