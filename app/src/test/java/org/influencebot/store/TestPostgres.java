package org.influencebot.store;

/** The store module's test PostgreSQL server, for the launcher's tests (its class is package-private there). */
public final class TestPostgres {
  private TestPostgres() {}

  /** A new, empty database on the shared test server. */
  public static StoreLocation.PostgresDatabase newDatabase() {
    return PostgresTestServer.shared().newDatabase();
  }
}
