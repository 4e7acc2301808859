package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class UnreachablePostgresTest {

  @Test
  void aServerThatDoesNotAnswerIsNamedWithoutThePassword() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // free again once closed: nothing listens there
    }
    var location = new StoreLocation.PostgresDatabase(
        "jdbc:postgresql://127.0.0.1:" + port + "/influencebot?password=hunter2", "bot", "hunter2");

    assertThatThrownBy(() -> Store.open(location, StoreOptions.standard(Clock.systemUTC())))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("Could not open the store: the PostgreSQL server at jdbc:postgresql://127.0.0.1:" + port
            + "/influencebot?password=*** cannot be reached")
        .hasMessageEndingWith("Check that it runs and that the store URL in the configuration is right.")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThat(location.toString()).doesNotContain("hunter2");
  }

  @Test
  void aMissingDatabaseIsNamed() {
    PostgresTestServer server = PostgresTestServer.shared();
    var location = new StoreLocation.PostgresDatabase(server.url("no_such_database"), "postgres", "");

    assertThatThrownBy(() -> Store.open(location, StoreOptions.standard(Clock.systemUTC())))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the database in " + server.url("no_such_database") + " does not exist");
  }

  @Test
  void theStoreReconnectsAfterTheServerDroppedItsConnection() throws Exception {
    PostgresTestServer server = PostgresTestServer.shared();
    var location = server.newDatabase();
    try (Store store = Store.open(location, StoreOptions.standard(Clock.systemUTC()))) {
      store.links().link(new Member(Platform.DISCORD, "1"), "@alice");
      try (var admin = java.sql.DriverManager.getConnection(server.url("postgres"), "postgres", "");
          var statement = admin.createStatement()) {
        String database = location.jdbcUrl().replaceAll(".*/", "");
        try (var rows = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            + "WHERE application_name = 'influence-bot' AND datname = '" + database + "'")) {
          assertThat(rows.next()).as("the store's connection was found").isTrue();
          assertThat(rows.getBoolean(1)).as("and terminated").isTrue();
        }
      }

      assertThat(store.links().linkOf(new Member(Platform.DISCORD, "1"))).isPresent();
    }
  }
}
