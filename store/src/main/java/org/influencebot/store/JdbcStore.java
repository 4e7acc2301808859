package org.influencebot.store;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one implementation of {@link Store}, over JDBC, for SQLite and PostgreSQL alike. */
final class JdbcStore implements Store {
  private static final List<String> TABLES = List.of("scope_setting", "linked_handle", "score_point", "setting_audit",
      "member_seen", "member_audit");

  private final Database database;
  private final JdbcSettingsStore settings;
  private final JdbcLinkStore links;
  private final JdbcHistoryStore history;
  private final JdbcAuditLog audit;
  private final JdbcReferenceKeeper references;
  private final JdbcMemberLog members;

  private JdbcStore(Database database, StoreOptions options) {
    this.database = database;
    this.settings = new JdbcSettingsStore(database, options);
    this.links = new JdbcLinkStore(database, options.clock());
    this.history = new JdbcHistoryStore(database, options.clock(), options.retention());
    this.audit = new JdbcAuditLog(database);
    this.references = new JdbcReferenceKeeper(database, options.clock());
    this.members = new JdbcMemberLog(database, options.clock(), options.retention().memberMaxAge());
  }

  static Store open(StoreLocation location, StoreOptions options) {
    Database database;
    if (location instanceof StoreLocation.SqliteFile file) {
      database = SqliteOpening.open(file, options);
    } else if (location instanceof StoreLocation.PostgresDatabase postgres) {
      database = PostgresOpening.open(postgres, options);
    } else {
      throw new IllegalArgumentException("unknown store location " + location);
    }
    try {
      SchemaMigrations.standard().migrate(database, options.clock());
      return new JdbcStore(database, options);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** For a test that needs a transaction the public operations never leave open. */
  Database database() {
    return database;
  }

  @Override
  public SettingsStore settings() {
    return settings;
  }

  @Override
  public LinkStore links() {
    return links;
  }

  @Override
  public HistoryStore history() {
    return history;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public org.influencebot.core.reference.ReferenceKeeper references() {
    return references;
  }

  @Override
  public org.influencebot.core.members.MemberLog members() {
    return members;
  }

  @Override
  public StoreStatistics statistics() {
    return database.inTransaction("count the rows", c -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      try (Statement statement = c.createStatement()) {
        for (String table : TABLES) {
          try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            counts.put(table, rows.getLong(1));
          }
        }
      }
      return new StoreStatistics(
          database.dialect().engine(c),
          database.location(),
          SchemaMigrations.currentVersion(c),
          counts,
          database.dialect().sizeBytes(c, database.location()));
    });
  }

  @Override
  public void close() {
    database.close();
  }
}
