package org.influencebot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connects to the PostgreSQL database of the configuration. */
final class PostgresOpening {
  private PostgresOpening() {}

  static Database open(StoreLocation.PostgresDatabase location) {
    Properties properties = new Properties();
    properties.setProperty("user", location.user());
    properties.setProperty("password", location.password());
    properties.setProperty("ApplicationName", "influence-bot");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("tcpKeepAlive", "true");
    org.postgresql.Driver driver = new org.postgresql.Driver();
    Database.Connector connector = () -> {
      Connection connection = driver.connect(location.jdbcUrl(), properties);
      if (connection == null) {
        throw new SQLException("the PostgreSQL driver does not accept this URL", "08001");
      }
      return connection;
    };
    try {
      return new Database(Dialect.POSTGRESQL, location.shownUrl(), connector, connector.connect());
    } catch (SQLException e) {
      throw new StoreException(StoreFailures.describe(Dialect.POSTGRESQL, location.shownUrl(), "open the store", e), e);
    }
  }
}
