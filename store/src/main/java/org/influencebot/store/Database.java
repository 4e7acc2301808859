package org.influencebot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Short transactions on the store's connections. SQLite: one connection, one transaction at a time,
 * and no transaction open between two calls, so other processes (the {@code score} command, the
 * console) can write between them. PostgreSQL: a pool (HikariCP), one connection per transaction.
 */
final class Database implements AutoCloseable {

  /** Work done inside one transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Lends a connection for the length of one piece of work. */
  interface Connections extends AutoCloseable {
    <T> T lend(Work<T> work) throws SQLException;

    /** After a lost connection: the others opened before it are most likely lost too. */
    default void discardIdle() {}

    @Override
    void close() throws SQLException;
  }

  private final Dialect dialect;
  private final String location;
  private final Connections connections;
  private volatile boolean closed;

  Database(Dialect dialect, String location, Connections connections) {
    this.dialect = dialect;
    this.location = location;
    this.connections = connections;
  }

  /** One connection, lent to one transaction at a time (SQLite allows one writer anyway). */
  static Connections single(Connection connection) {
    ReentrantLock lock = new ReentrantLock();
    return new Connections() {
      @Override
      public <T> T lend(Work<T> work) throws SQLException {
        lock.lock();
        try {
          return work.run(connection);
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void close() throws SQLException {
        lock.lock();
        try {
          connection.close();
        } finally {
          lock.unlock();
        }
      }
    };
  }

  /** A pool's connections, each given back when the work ends. */
  static Connections pooled(HikariDataSource pool) {
    return new Connections() {
      @Override
      public <T> T lend(Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
          return work.run(connection);
        }
      }

      @Override
      public void discardIdle() {
        pool.getHikariPoolMXBean().softEvictConnections();
      }

      @Override
      public void close() {
        pool.close();
      }
    };
  }

  Dialect dialect() {
    return dialect;
  }

  /** The database file, or the JDBC URL without password. */
  String location() {
    return location;
  }

  /**
   * Runs {@code work} in a transaction and commits it. A failure rolls back and becomes a
   * {@link StoreException} saying what could not be done; an {@link IllegalArgumentException} thrown
   * by the work (a bad setting value) rolls back and passes through.
   */
  <T> T inTransaction(String what, Work<T> work) {
    if (closed) {
      throw new StoreException("The store at " + location + " is closed; cannot " + what + ".");
    }
    try {
      return connections.lend(c -> attempt(c, work));
    } catch (CommitUnknown e) {
      // The connection dropped while committing: the server may have committed. Doing the work again
      // could add a history or audit row twice, or find a link already removed: not retried.
      if (isConnectionLost(e)) {
        connections.discardIdle();
      }
      throw new StoreException("The connection to the store at " + location + " was lost while committing (to "
          + what + "): the change may or may not have been saved, so it was not tried again.", e.getCause());
    } catch (SQLException e) {
      if (dialect == Dialect.POSTGRESQL && isConnectionLost(e)) {
        // The server restarted or dropped an idle connection before COMMIT was sent: the transaction did
        // not happen, and the pool has evicted that connection, so doing it again on a new one is safe.
        connections.discardIdle();
        try {
          return connections.lend(c -> attempt(c, work));
        } catch (SQLException again) {
          throw failure(what, again);
        }
      }
      throw failure(what, e);
    }
  }

  private <T> T attempt(Connection c, Work<T> work) throws SQLException {
    dialect.begin(c);
    boolean done = false;
    try {
      T result = work.run(c);
      try {
        dialect.commit(c);
      } catch (SQLException e) {
        throw new CommitUnknown(e);
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        rollbackQuietly(c);
      }
    }
  }

  private void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        dialect.rollback(c);
      }
    } catch (SQLException ignored) {
      // The original failure is the one worth reporting.
    }
  }

  /** COMMIT was sent and failed: whether the server committed is not known. */
  private static final class CommitUnknown extends SQLException {
    CommitUnknown(SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause);
    }
  }

  private static boolean isConnectionLost(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.equals("57P01"));
  }

  StoreException failure(String what, SQLException e) {
    return new StoreException(StoreFailures.describe(dialect, location, what, e), e);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connections.close();
    } catch (SQLException e) {
      throw new StoreException("Could not close the store at " + location + ": " + e.getMessage(), e);
    }
  }
}
