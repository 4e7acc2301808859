package org.influencebot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * Opens {@code <dataDir>/influence-bot.db}, refusing every state in which carrying on would lose data
 * or hide a problem: a data directory that is a file or not writable, a folder where the file should
 * be, a file that is not a database or is damaged.
 */
final class SqliteOpening {
  private SqliteOpening() {}

  static Database open(StoreLocation.SqliteFile location, StoreOptions options) {
    Path directory = location.dataDirectory();
    Path file = location.databaseFile();
    if (Files.exists(directory) && !Files.isDirectory(directory)) {
      throw new StoreException("The data directory " + directory + " is a file, not a folder. "
          + "Point the data directory at a folder (it is created when missing), or move that file away.");
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new StoreException("Cannot create the data directory " + directory + " (" + e.getMessage() + "). "
          + "Create it yourself with write access for the bot's user, or choose another data directory.", e);
    }
    if (Files.isDirectory(file)) {
      throw new StoreException(file + " is a folder, where influence-bot keeps its database file. "
          + "Move that folder away (or restore the database file there from a backup).");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new StoreException(file + " is not a regular file. Move it away or restore the database from a backup.");
    }
    checkWritableDirectory(directory);
    checkWritable(file);

    SQLiteConfig config = new SQLiteConfig();
    // WAL: a commit appends to the journal, so a kill mid-write leaves the last commit whole and an
    // uncommitted one ignored. FULL syncs the journal on every commit, so a power cut loses nothing
    // that was reported as committed either. Transactions are explicit (see Dialect.SQLITE).
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) options.busyTimeout().toMillis());
    config.enforceForeignKeys(true);
    Connection connection;
    try {
      connection = config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new StoreException(StoreFailures.describe(Dialect.SQLITE, file.toString(), "open the store", e), e);
    }
    Database database = new Database(Dialect.SQLITE, file.toString(), Database.single(connection));
    try {
      String check = database.inTransaction("check the database file", c -> Dialect.singleText(c, "PRAGMA quick_check"));
      if (!"ok".equals(check)) {
        throw new StoreException(StoreFailures.damaged(file.toString(), "SQLite's check says: " + check));
      }
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * The database file and its journals must be writable too: SQLite would otherwise open a read-only
   * file read-only, and every later write (a score's history, a setting) would fail one by one.
   */
  private static void checkWritable(Path file) {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Path part = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(part) && !Files.isWritable(part)) {
        throw new StoreException(part + " is read-only for this process (user " + System.getProperty("user.name")
            + "), so nothing could be saved: no settings, links or score history. Give that user write access to "
            + "the file (chmod u+w, or chown it to that user), or run the bot as the user who owns it.");
      }
    }
  }

  /** Writes and deletes a small file: the only check that holds for every user, root included. */
  private static void checkWritableDirectory(Path directory) {
    try {
      Path probe = Files.createTempFile(directory, ".write-check-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw notWritable(directory, e);
    }
  }

  private static StoreException notWritable(Path directory, IOException e) {
    return new StoreException("The data directory " + directory + " is not writable by this process (user "
        + System.getProperty("user.name") + "; " + e.getClass().getSimpleName() + "). "
        + "SQLite writes the database and its journal there: give that user write access, or choose another data directory.",
        e);
  }
}
