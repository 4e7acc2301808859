package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PostgresStoreTest extends StoreContract {
  @Override
  StoreLocation newLocation() {
    return PostgresTestServer.shared().newDatabase();
  }

  @Test
  void severalProcessesStartingAtOnceMigrateOnceAndShareTheirWrites() throws Exception {
    store.close();
    StoreLocation.PostgresDatabase fresh = PostgresTestServer.shared().newDatabase();
    ExecutorService starters = Executors.newFixedThreadPool(3);
    try {
      List<Future<Store>> opening = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opening.add(starters.submit(() -> Store.open(fresh, options())));
      }
      List<Store> stores = new ArrayList<>();
      for (Future<Store> future : opening) {
        stores.add(future.get(30, TimeUnit.SECONDS));
      }
      try {
        stores.get(0).settings().change(SERVER, "mod1", "cooldown", "30");
        stores.get(1).settings().change(SERVER, "mod2", "cooldown", "60");

        assertThat(stores.get(2).settings().settingsOf(SERVER).cooldown()).hasSeconds(60);
        assertThat(stores.get(2).audit().recent(SERVER, 10)).extracting(AuditEntry::oldValue).containsExactly("30", "5");
        try (Connection c = DriverManager.getConnection(fresh.jdbcUrl(), fresh.user(), fresh.password());
            Statement statement = c.createStatement();
            ResultSet rows = statement.executeQuery("SELECT count(*) FROM schema_version")) {
          rows.next();
          assertThat(rows.getInt(1)).isEqualTo(SchemaMigrations.ALL.size());
        }
      } finally {
        stores.forEach(Store::close);
      }
    } finally {
      starters.shutdownNow();
    }
  }

  @Test
  @Timeout(60) // a store with one connection would wait here for ever
  void aLongTransactionDoesNotHoldUpTheOthersOfTheProcess() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService slow = Executors.newSingleThreadExecutor();
    try {
      Future<Object> held = slow.submit(() -> ((JdbcStore) store).database().inTransaction("hold a connection", c -> {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      }));
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

      // With one connection per process this would wait for the held transaction; the pool lends another.
      store.links().link(ALICE, "@alice");
      store.settings().change(SERVER, "mod1", "cooldown", "30");
      assertThat(store.links().linkOf(ALICE)).isPresent();

      release.countDown();
      held.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      slow.shutdownNow();
    }
  }

  @Override
  Connection rawConnection() throws SQLException {
    StoreLocation.PostgresDatabase database = (StoreLocation.PostgresDatabase) location;
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
