package org.influencebot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Score points, pruned per handle as they are appended. */
final class JdbcHistoryStore implements HistoryStore {
  private final Database database;
  private final Clock clock;
  private final RetentionPolicy retention;

  JdbcHistoryStore(Database database, Clock clock, RetentionPolicy retention) {
    this.database = database;
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public void record(ScorePoint point) {
    database.inTransaction("record a score of " + point.network() + ":" + point.handle(), c -> {
      try (PreparedStatement insert = c.prepareStatement(
          "INSERT INTO score_point (network, handle, computed_at, influence_score, authenticity_score, followers, authentic_followers) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        insert.setString(1, point.network());
        insert.setString(2, point.handle());
        insert.setLong(3, point.computedAt().toEpochMilli());
        insert.setDouble(4, point.influenceScore());
        insert.setDouble(5, point.authenticityScore());
        setOptional(insert, 6, point.followers());
        setOptional(insert, 7, point.authenticFollowersEstimate());
        insert.executeUpdate();
      }
      long oldestKept = clock.instant().minus(retention.maxAge()).toEpochMilli();
      try (PreparedStatement tooOld = c.prepareStatement(
          "DELETE FROM score_point WHERE network = ? AND handle = ? AND computed_at < ?")) {
        tooOld.setString(1, point.network());
        tooOld.setString(2, point.handle());
        tooOld.setLong(3, oldestKept);
        tooOld.executeUpdate();
      }
      try (PreparedStatement tooMany = c.prepareStatement(
          "DELETE FROM score_point WHERE network = ? AND handle = ? AND id NOT IN ("
              + "SELECT id FROM score_point WHERE network = ? AND handle = ? ORDER BY computed_at DESC, id DESC LIMIT ?)")) {
        tooMany.setString(1, point.network());
        tooMany.setString(2, point.handle());
        tooMany.setString(3, point.network());
        tooMany.setString(4, point.handle());
        tooMany.setInt(5, retention.maxPointsPerHandle());
        tooMany.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public List<ScorePoint> pointsSince(String network, String handle, Instant since) {
    String n = network.strip().toLowerCase(Locale.ROOT);
    String h = handle.strip().toLowerCase(Locale.ROOT);
    return database.inTransaction("read the score history of " + n + ":" + h, c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT computed_at, influence_score, authenticity_score, followers, authentic_followers FROM score_point "
              + "WHERE network = ? AND handle = ? AND computed_at >= ? ORDER BY computed_at, id")) {
        select.setString(1, n);
        select.setString(2, h);
        select.setLong(3, since.toEpochMilli());
        List<ScorePoint> points = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            points.add(new ScorePoint(n, h, Instant.ofEpochMilli(rows.getLong(1)), rows.getDouble(2), rows.getDouble(3),
                optional(rows, 4), optional(rows, 5)));
          }
        }
        return points;
      }
    });
  }

  private static void setOptional(PreparedStatement statement, int index, OptionalLong value) throws SQLException {
    if (value.isPresent()) {
      statement.setLong(index, value.getAsLong());
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  private static OptionalLong optional(ResultSet rows, int index) throws SQLException {
    long value = rows.getLong(index);
    return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
