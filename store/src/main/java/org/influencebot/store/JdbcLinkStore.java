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
  public boolean unlink(Member member) {
    return database.inTransaction("unlink the handle of " + describe(member), c -> delete(c, member));
  }

  @Override
  public boolean removeByModerator(Scope scope, String moderatorId, Member member) {
    String moderator = StoredText.require(moderatorId, "moderator id", 64);
    return database.inTransaction("remove the linked handle of " + describe(member), c -> {
      Optional<LinkedHandle> existing = find(c, member);
      if (existing.isEmpty()) {
        return false;
      }
      delete(c, member);
      JdbcAuditLog.append(
          c, scope, moderator, "unlink:" + member.userId(), existing.get().handle(), "", clock.millis());
      return true;
    });
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
