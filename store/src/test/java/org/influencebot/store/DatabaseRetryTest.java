package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL connection lost before COMMIT is retried (nothing happened); lost during COMMIT it is
 * not (the server may have committed: history and audit rows would be added twice). No real server
 * drops a connection exactly at COMMIT on demand: a mocked JDBC connection does.
 */
class DatabaseRetryTest {
  private static SQLException lost() {
    return new SQLException("An I/O error occurred while sending to the backend.", "08006");
  }

  @Test
  void aConnectionLostDuringCommitIsNotRetriedAndSaysTheOutcomeIsUnknown() throws SQLException {
    Connection connection = mock(Connection.class);
    doThrow(lost()).when(connection).commit();
    Database db = new Database(Dialect.POSTGRESQL, "postgresql://db.example/bot", Database.single(connection));
    AtomicInteger runs = new AtomicInteger();

    assertThatThrownBy(() -> db.inTransaction("add a history row", c -> runs.incrementAndGet()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("lost while committing (to add a history row)")
        .hasMessageContaining("may or may not have been saved");
    assertThat(runs).as("the work ran once, not twice").hasValue(1);
  }

  @Test
  void aConnectionLostBeforeCommitIsRetriedOnce() throws SQLException {
    Connection connection = mock(Connection.class);
    doNothing().when(connection).commit();
    Database db = new Database(Dialect.POSTGRESQL, "postgresql://db.example/bot", Database.single(connection));
    AtomicInteger runs = new AtomicInteger();

    int result = db.inTransaction("read a link", c -> {
      if (runs.incrementAndGet() == 1) {
        throw lost();
      }
      return 42;
    });

    assertThat(result).isEqualTo(42);
    assertThat(runs).hasValue(2);
  }
}
