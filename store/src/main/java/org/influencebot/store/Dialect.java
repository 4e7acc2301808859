package org.influencebot.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/** The few things SQLite and PostgreSQL do differently here; every other statement is shared SQL. */
enum Dialect {
  SQLITE("sqlite") {
    // The connection stays in auto-commit mode and each transaction is one explicit BEGIN IMMEDIATE ..
    // COMMIT: the driver's own transaction mode would begin the next transaction as soon as one
    // commits, and hold SQLite's write lock between two calls, shutting every other process out.
    // IMMEDIATE takes the write lock at BEGIN (waiting up to the busy timeout), so a read-then-write
    // never fails half-way with SQLITE_BUSY.
    @Override
    void begin(Connection connection) throws SQLException {
      execute(connection, "BEGIN IMMEDIATE");
    }

    @Override
    void commit(Connection connection) throws SQLException {
      execute(connection, "COMMIT");
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      // Fails harmlessly when BEGIN itself failed (no transaction is active).
      execute(connection, "ROLLBACK");
    }

    @Override
    String engine(Connection connection) throws SQLException {
      return "SQLite " + singleText(connection, "SELECT sqlite_version()");
    }

    @Override
    void lockForMigration(Connection connection) {
      // Transactions begin IMMEDIATE: the write lock is already held.
    }

    @Override
    void lockScope(Connection connection, Scope scope) {
      // Transactions begin IMMEDIATE: the write lock is already held.
    }

    @Override
    OptionalLong sizeBytes(Connection connection, String location) {
      Path file = Path.of(location);
      long total = 0;
      for (Path part : new Path[] {file, Path.of(location + "-wal")}) {
        try {
          if (Files.exists(part)) {
            total += Files.size(part);
          }
        } catch (IOException e) {
          return OptionalLong.empty();
        }
      }
      return OptionalLong.of(total);
    }

    @Override
    boolean hasTable(Connection connection, String table) throws SQLException {
      try (var statement = connection.prepareStatement(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")) {
        statement.setString(1, table);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          return rows.getLong(1) > 0;
        }
      }
    }
  },

  POSTGRESQL("postgresql") {
    @Override
    void begin(Connection connection) throws SQLException {
      connection.setAutoCommit(false);
    }

    @Override
    void commit(Connection connection) throws SQLException {
      connection.commit();
      connection.setAutoCommit(true);
    }

    @Override
    void rollback(Connection connection) throws SQLException {
      connection.rollback();
      connection.setAutoCommit(true);
    }

    @Override
    String engine(Connection connection) throws SQLException {
      return "PostgreSQL " + singleText(connection, "SHOW server_version");
    }

    @Override
    void lockForMigration(Connection connection) throws SQLException {
      // Several processes may start at once: one migrates, the others wait, then find nothing to do.
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(6021147254)");
      }
    }

    @Override
    void lockScope(Connection connection, Scope scope) throws SQLException {
      // Two moderators changing one scope from two processes: the second waits, so the audit log's
      // old value is the one the first wrote.
      try (var statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
        statement.setString(1, "scope:" + scope.platform().storedName() + ":" + scope.id());
        statement.execute();
      }
    }

    @Override
    OptionalLong sizeBytes(Connection connection, String location) throws SQLException {
      return OptionalLong.of(Long.parseLong(singleText(connection, "SELECT pg_database_size(current_database())")));
    }

    @Override
    boolean hasTable(Connection connection, String table) throws SQLException {
      try (var statement = connection.prepareStatement(
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?")) {
        statement.setString(1, table);
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          return rows.getLong(1) > 0;
        }
      }
    }
  };

  /** The folder of this dialect's migration files, under {@code org/influencebot/store/migrations/}. */
  final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  abstract void begin(Connection connection) throws SQLException;

  abstract void commit(Connection connection) throws SQLException;

  abstract void rollback(Connection connection) throws SQLException;

  abstract String engine(Connection connection) throws SQLException;

  abstract void lockForMigration(Connection connection) throws SQLException;

  /** Serializes changes to one scope's settings until the transaction ends. */
  abstract void lockScope(Connection connection, Scope scope) throws SQLException;

  abstract OptionalLong sizeBytes(Connection connection, String location) throws SQLException;

  abstract boolean hasTable(Connection connection, String table) throws SQLException;

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static String singleText(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
