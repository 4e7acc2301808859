package org.influencebot.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class PostgresStoreTest extends StoreContract {
  @Override
  StoreLocation newLocation() {
    return PostgresTestServer.shared().newDatabase();
  }

  @Override
  Connection rawConnection() throws SQLException {
    StoreLocation.PostgresDatabase database = (StoreLocation.PostgresDatabase) location;
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
