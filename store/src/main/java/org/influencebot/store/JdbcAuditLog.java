package org.influencebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit log: appended inside the transaction of the change it records, so neither exists alone. */
final class JdbcAuditLog implements AuditLog {
  private final Database database;

  JdbcAuditLog(Database database) {
    this.database = database;
  }

  static void append(Connection c, Scope scope, String userId, String key, String oldValue, String newValue, long at)
      throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO setting_audit (platform, scope_id, user_id, setting_key, old_value, new_value, changed_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, scope.platform().storedName());
      insert.setString(2, scope.id());
      insert.setString(3, userId);
      insert.setString(4, key);
      insert.setString(5, oldValue);
      insert.setString(6, newValue);
      insert.setLong(7, at);
      insert.executeUpdate();
    }
  }

  @Override
  public List<AuditEntry> recent(Scope scope, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    return database.inTransaction("read the audit log of " + JdbcSettingsStore.describe(scope), c -> {
      try (PreparedStatement select = c.prepareStatement(
          "SELECT user_id, setting_key, old_value, new_value, changed_at FROM setting_audit "
              + "WHERE platform = ? AND scope_id = ? ORDER BY id DESC LIMIT ?")) {
        select.setString(1, scope.platform().storedName());
        select.setString(2, scope.id());
        select.setInt(3, limit);
        List<AuditEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            entries.add(new AuditEntry(scope, rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                Instant.ofEpochMilli(rows.getLong(5))));
          }
        }
        return entries;
      }
    });
  }
}
