package org.influencebot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Linked handles, one row per member. */
final class JdbcLinkStore implements LinkStore {
  private final Database database;
  private final Clock clock;

  JdbcLinkStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public LinkedHandle link(Member member, String handle) {
    LinkedHandle link = new LinkedHandle(member, handle, Instant.ofEpochMilli(clock.millis()));
    return database.inTransaction("link a handle for " + describe(member), c -> {
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO linked_handle (platform, user_id, handle, linked_at) VALUES (?, ?, ?, ?) "
              + "ON CONFLICT (platform, user_id) DO UPDATE SET handle = excluded.handle, linked_at = excluded.linked_at")) {
        upsert.setString(1, member.platform().storedName());
        upsert.setString(2, member.userId());
        upsert.setString(3, link.handle());
        upsert.setLong(4, link.linkedAt().toEpochMilli());
        upsert.executeUpdate();
      }
      return link;
    });
  }

  @Override
  public Optional<LinkedHandle> linkOf(Member member) {
    return database.inTransaction("read the linked handle of " + describe(member), c -> find(c, member));
  }

  @Override
  public Optional<LinkedHandle> linkIn(Scope scope, Member member) {
    return database.inTransaction("read the linked handle of " + describe(member) + " in "
        + JdbcSettingsStore.describe(scope), c -> find(c, scope, member));
  }

  @Override
  public boolean unlink(Member member) {
    return database.inTransaction("unlink the handle of " + describe(member), c -> delete(c, member));
  }

  @Override
  public boolean removeByModerator(Scope scope, String moderatorId, Member member) {
    String moderator = StoredText.require(moderatorId, "moderator id", 64);
    return database.inTransaction("remove the linked handle of " + describe(member) + " from "
        + JdbcSettingsStore.describe(scope), c -> {
      Optional<LinkedHandle> existing = find(c, scope, member);
      if (existing.isEmpty()) {
        return false;
      }
      // The link stays the member's; the audit entry is what hides it in this scope (see find).
      JdbcAuditLog.append(
          c, scope, moderator, removalKey(member), existing.get().handle(), "", clock.millis());
      return true;
    });
  }

  /** The audit log's key for a moderator's removal of the member's link in a scope. */
  private static String removalKey(Member member) {
    return "unlink:" + member.userId();
  }

  /** The member's link unless a moderator of {@code scope} removed it there at or after the time it was linked. */
  private static Optional<LinkedHandle> find(Connection c, Scope scope, Member member) throws SQLException {
    Optional<LinkedHandle> link = find(c, member);
    if (link.isEmpty() || scope.platform() != member.platform()) {
      return link;
    }
    try (PreparedStatement select = c.prepareStatement(
        "SELECT 1 FROM setting_audit WHERE platform = ? AND scope_id = ? AND setting_key = ? AND changed_at >= ?")) {
      select.setString(1, scope.platform().storedName());
      select.setString(2, scope.id());
      select.setString(3, removalKey(member));
      select.setLong(4, link.get().linkedAt().toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.empty() : link;
      }
    }
  }

  private static Optional<LinkedHandle> find(Connection c, Member member) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(
        "SELECT handle, linked_at FROM linked_handle WHERE platform = ? AND user_id = ?")) {
      select.setString(1, member.platform().storedName());
      select.setString(2, member.userId());
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(new LinkedHandle(member, rows.getString(1), Instant.ofEpochMilli(rows.getLong(2))));
      }
    }
  }

  private static boolean delete(Connection c, Member member) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM linked_handle WHERE platform = ? AND user_id = ?")) {
      delete.setString(1, member.platform().storedName());
      delete.setString(2, member.userId());
      return delete.executeUpdate() > 0;
    }
  }

  private static String describe(Member member) {
    return member.platform().storedName() + " user " + member.userId();
  }
}
