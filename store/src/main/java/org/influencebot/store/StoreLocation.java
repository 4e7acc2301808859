package org.influencebot.store;

import java.nio.file.Path;
import java.util.Objects;
import org.influencebot.core.text.Redaction;

/** Where the store lives: an SQLite file in the data directory, or a PostgreSQL database. */
public sealed interface StoreLocation {

  /** {@code <dataDirectory>/influence-bot.db}: the default, for one process on one machine. */
  record SqliteFile(Path dataDirectory) implements StoreLocation {
    public static final String FILE_NAME = "influence-bot.db";

    public SqliteFile {
      Objects.requireNonNull(dataDirectory, "dataDirectory");
      dataDirectory = dataDirectory.toAbsolutePath().normalize();
    }

    public Path databaseFile() {
      return dataDirectory.resolve(FILE_NAME);
    }
  }

  /**
   * A PostgreSQL database that several bot processes share.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:5432/influencebot}
   * @param user the database user
   * @param password the password; never shown by {@link #toString()}
   */
  record PostgresDatabase(String jdbcUrl, String user, String password) implements StoreLocation {
    public PostgresDatabase {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, not " + shown(jdbcUrl));
      }
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    /** The URL without any password given in its query. */
    public String shownUrl() {
      return shown(jdbcUrl);
    }

    private static String shown(String url) {
      return Redaction.credentials(url);
    }

    @Override
    public String toString() {
      return "PostgresDatabase[" + shownUrl() + " as " + user + "]";
    }
  }
}
