package org.influencebot.store;

import java.sql.SQLException;

/** Turns a driver's error into a sentence for the operator: what went wrong, and what to do. */
final class StoreFailures {
  private StoreFailures() {}

  // SQLite primary result codes (the low byte of extended codes).
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  static String describe(Dialect dialect, String location, String what, SQLException e) {
    if (dialect == Dialect.SQLITE) {
      return switch (e.getErrorCode() & 0xff) {
        case SQLITE_NOTADB -> location + " is not an SQLite database (the file holds something else). "
            + "Move it aside or restore it from a backup; influence-bot will not start with an empty store in its place.";
        case SQLITE_CORRUPT -> damaged(location, e.getMessage());
        case SQLITE_READONLY -> "Could not " + what + ": " + location + " is read-only. "
            + "Give the bot's user write access to the file and its folder.";
        case SQLITE_CANTOPEN -> "Could not " + what + ": " + location + " cannot be opened ("
            + e.getMessage() + "). Check that its folder exists and the bot's user may read and write there.";
        case SQLITE_FULL -> "Could not " + what + ": the disk holding " + location + " is full. Free some space.";
        default -> "Could not " + what + " in " + location + ": " + e.getMessage();
      };
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (state.startsWith("08")) {
      return "Could not " + what + ": the PostgreSQL server at " + location + " cannot be reached ("
          + e.getMessage() + "). Check that it runs and that the store URL in the configuration is right.";
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return "Could not " + what + ": PostgreSQL at " + location + " refused the user name or password ("
          + e.getMessage() + "). Check the store user and password in the configuration.";
    }
    if (state.equals("3D000")) {
      return "Could not " + what + ": the database in " + location + " does not exist. "
          + "Create it (createdb) or fix the store URL in the configuration.";
    }
    return "Could not " + what + " in PostgreSQL at " + location + ": " + e.getMessage();
  }

  static String damaged(String location, String detail) {
    return location + " is damaged (" + detail + "). Stop the bot, move the file aside and restore it from a backup; "
        + "influence-bot will not start with an empty store in its place.";
  }
}
