package org.influencebot.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Brings a database to the schema this code knows, one numbered SQL file at a time, recording each
 * in {@code schema_version}. Files live in {@code <base>/<dialect>/V<n>.sql}; a migration, once
 * released, is never edited (its checksum is checked), only followed by a new one.
 *
 * <p>Why not Flyway: one more dependency, with engine support split across modules, for what is a
 * loop over numbered files. This runner is small, and its tests pin how a newer or an edited schema is
 * refused on both engines.
 */
final class SchemaMigrations {

  /** One step of the schema. */
  record Migration(int version, String description) {
    Migration {
      if (version < 1) {
        throw new IllegalArgumentException("versions start at 1");
      }
      Objects.requireNonNull(description);
    }
  }

  static final String BASE = "/org/influencebot/store/migrations";

  /** Every migration of this version of the code, in order. Append; never change a released one. */
  static final List<Migration> ALL = List.of(
      new Migration(1, "settings, linked handles, score history, audit log"),
      new Migration(2, "reference samples"),
      new Migration(3, "member log: watched communities, members seen, member audits"));

  private final String base;
  private final List<Migration> migrations;

  SchemaMigrations(String base, List<Migration> migrations) {
    this.base = base;
    this.migrations = List.copyOf(migrations);
    for (int i = 0; i < this.migrations.size(); i++) {
      if (this.migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException("migrations must be numbered 1, 2, 3… without gaps: " + migrations);
      }
    }
  }

  static SchemaMigrations standard() {
    return new SchemaMigrations(BASE, ALL);
  }

  int latest() {
    return migrations.size();
  }

  /** Applies what is missing, in one transaction; returns the schema version now in force. */
  int migrate(Database database, Clock clock) {
    return database.inTransaction("bring the schema up to date", c -> {
      Dialect dialect = database.dialect();
      dialect.lockForMigration(c);
      if (!dialect.hasTable(c, "schema_version")) {
        refuseForeignTables(database, c);
        try (Statement statement = c.createStatement()) {
          statement.execute("CREATE TABLE schema_version ("
              + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, checksum BIGINT NOT NULL, applied_at BIGINT NOT NULL)");
        }
      }
      TreeMap<Integer, Long> applied = applied(c);
      int current = applied.isEmpty() ? 0 : applied.lastKey();
      if (current > latest()) {
        throw new StoreException("The store at " + database.location() + " has schema version " + current
            + " but this influence-bot knows versions up to " + latest()
            + ": a newer influence-bot wrote it. Run that newer version, or restore a backup taken before the upgrade.");
      }
      for (var entry : applied.entrySet()) {
        Migration migration = migrations.get(entry.getKey() - 1);
        if (checksum(sql(dialect, migration)) != entry.getValue()) {
          throw new StoreException("Migration V" + migration.version() + " (" + migration.description()
              + ") differs from the one applied to " + database.location()
              + ". A released migration must never change: restore its original text and add a new migration instead.");
        }
      }
      for (Migration migration : migrations.subList(current, latest())) {
        String sql = sql(dialect, migration);
        try (Statement statement = c.createStatement()) {
          for (String one : statements(sql)) {
            statement.execute(one);
          }
        }
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
          insert.setInt(1, migration.version());
          insert.setString(2, migration.description());
          insert.setLong(3, checksum(sql));
          insert.setLong(4, clock.millis());
          insert.executeUpdate();
        }
      }
      return latest();
    });
  }

  /** The version recorded in the database, 0 when none. */
  static int currentVersion(Connection c) throws SQLException {
    try (Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static TreeMap<Integer, Long> applied(Connection c) throws SQLException {
    TreeMap<Integer, Long> applied = new TreeMap<>();
    try (Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT version, checksum FROM schema_version")) {
      while (rows.next()) {
        applied.put(rows.getInt(1), rows.getLong(2));
      }
    }
    return applied;
  }

  /** A database that has our tables but no record of migrations was not made by this code. */
  private static void refuseForeignTables(Database database, Connection c) throws SQLException {
    for (String table : List.of("scope_setting", "linked_handle", "score_point", "setting_audit")) {
      if (database.dialect().hasTable(c, table)) {
        throw new StoreException("The store at " + database.location() + " has a table " + table
            + " but no schema_version table: it was not created by influence-bot, or was damaged. "
            + "Point the bot at an empty database, or restore a backup.");
      }
    }
  }

  String sql(Dialect dialect, Migration migration) {
    String path = base + "/" + dialect.folder + "/V" + migration.version() + ".sql";
    try (InputStream in = SchemaMigrations.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration file " + path + " in the store jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration file " + path, e);
    }
  }

  /**
   * Splits a file into statements: {@code --} comment lines dropped, {@code ;} ends a statement unless
   * it is inside a quoted string.
   */
  static List<String> statements(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.strip().startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (char ch : kept.toString().toCharArray()) {
      if (ch == '\'') {
        quoted = !quoted; // '' inside a string flips twice
      }
      if (ch == ';' && !quoted) {
        add(result, current);
      } else {
        current.append(ch);
      }
    }
    add(result, current);
    return result;
  }

  private static void add(List<String> statements, StringBuilder current) {
    String statement = current.toString().strip();
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    current.setLength(0);
  }

  /** Line endings do not count, so a checkout on Windows does not look like an edited migration. */
  static long checksum(String sql) {
    CRC32 crc = new CRC32();
    crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
