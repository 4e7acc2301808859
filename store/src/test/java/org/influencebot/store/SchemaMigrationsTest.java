package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigrationsTest {
  static final List<SchemaMigrations.Migration> V1 = List.of(new SchemaMigrations.Migration(1, "notes"));
  static final List<SchemaMigrations.Migration> V2 = List.of(
      new SchemaMigrations.Migration(1, "notes"), new SchemaMigrations.Migration(2, "authors"));
  static final List<SchemaMigrations.Migration> V3 = List.of(
      new SchemaMigrations.Migration(1, "notes"), new SchemaMigrations.Migration(2, "authors"),
      new SchemaMigrations.Migration(3, "broken"));

  @TempDir Path dataDirectory;
  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

  int migrate(List<SchemaMigrations.Migration> migrations) {
    try (Database database = SqliteOpening.open(new StoreLocation.SqliteFile(dataDirectory), StoreOptions.standard(clock))) {
      return new SchemaMigrations("/test-migrations", migrations).migrate(database, clock);
    }
  }

  Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(StoreLocation.SqliteFile.FILE_NAME));
  }

  @Test
  void anUpgradeAppliesOnlyTheNewMigrationAndKeepsTheData() throws Exception {
    assertThat(migrate(V1)).isEqualTo(1);
    assertThat(migrate(V2)).isEqualTo(2);
    assertThat(migrate(V2)).isEqualTo(2);

    try (Connection c = raw(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT text, author FROM note")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("kept; across versions");
      assertThat(rows.getString(2)).isEqualTo("migration 2");
      assertThat(rows.next()).isFalse();
    }
    try (Connection c = raw(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT version, description, applied_at FROM schema_version ORDER BY version")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(2)).isEqualTo("notes");
      assertThat(rows.getLong(3)).isEqualTo(clock.millis());
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(2);
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void aFailingMigrationLeavesTheSchemaAsItWas() throws Exception {
    migrate(V2);

    assertThatThrownBy(() -> migrate(V3))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("Could not bring the schema up to date")
        .hasMessageContaining("no_such_table");

    try (Connection c = raw(); Statement s = c.createStatement()) {
      try (ResultSet rows = s.executeQuery("SELECT max(version) FROM schema_version")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(2);
      }
      try (ResultSet rows = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'")) {
        rows.next();
        assertThat(rows.getInt(1)).isZero();
      }
    }
  }

  @Test
  void olderCodeRefusesASchemaItDoesNotKnow() {
    migrate(V2);

    assertThatThrownBy(() -> migrate(V1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("has schema version 2 but this influence-bot knows versions up to 1");
  }

  @Test
  void migrationsMustBeNumberedWithoutGaps() {
    assertThatThrownBy(() -> new SchemaMigrations("/test-migrations", List.of(new SchemaMigrations.Migration(2, "x"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void bothEnginesHaveAFileForEveryMigrationOfTheCode() {
    SchemaMigrations standard = SchemaMigrations.standard();
    for (SchemaMigrations.Migration migration : SchemaMigrations.ALL) {
      for (Dialect dialect : Dialect.values()) {
        assertThat(SchemaMigrations.statements(standard.sql(dialect, migration))).isNotEmpty();
      }
    }
  }

  @Test
  void statementsAreSplitOnSemicolonsOutsideStringsWithCommentLinesDropped() {
    assertThat(SchemaMigrations.statements(
            "-- a comment; with a semicolon\nCREATE TABLE a (x INT);\n\n  INSERT INTO a VALUES ('it''s; fine') ;\n"))
        .containsExactly("CREATE TABLE a (x INT)", "INSERT INTO a VALUES ('it''s; fine')");
  }
}
