package org.influencebot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Connects to the PostgreSQL database of the configuration, through a small pool. */
final class PostgresOpening {
  private PostgresOpening() {}

  static Database open(StoreLocation.PostgresDatabase location, StoreOptions options) {
    Properties properties = new Properties();
    properties.setProperty("ApplicationName", "influence-bot");
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("tcpKeepAlive", "true");
    // One connection first, straight from the driver: an unreachable server, a wrong password or a
    // missing database is then one sentence, before the pool starts (whose own start-up failure is
    // logged with a stack trace).
    Properties first = new Properties();
    first.putAll(properties);
    first.setProperty("user", location.user());
    first.setProperty("password", location.password());
    try (Connection connection = new org.postgresql.Driver().connect(location.jdbcUrl(), first)) {
      if (connection == null) {
        throw new SQLException("the PostgreSQL driver does not accept this URL", "08001");
      }
    } catch (SQLException e) {
      throw new StoreException(StoreFailures.describe(Dialect.POSTGRESQL, location.shownUrl(), "open the store", e), e);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("influence-bot-store");
    config.setDriverClassName(org.postgresql.Driver.class.getName());
    config.setJdbcUrl(location.jdbcUrl());
    config.setUsername(location.user());
    config.setPassword(location.password());
    config.setDataSourceProperties(properties);
    config.setMaximumPoolSize(options.postgresPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(-1);
    return new Database(Dialect.POSTGRESQL, location.shownUrl(), Database.pooled(new HikariDataSource(config)));
  }
}
