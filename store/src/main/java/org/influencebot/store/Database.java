package org.influencebot.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One JDBC connection, used one transaction at a time. SQLite allows one writer anyway, and a bot's
 * writes are few and small; PostgreSQL gets one connection per process, reopened when the server
 * dropped it.
 */
final class Database implements AutoCloseable {

  /** Opens a new connection. */
  interface Connector {
    Connection connect() throws SQLException;
  }

  /** Work done inside one transaction. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final Dialect dialect;
  private final String location;
  private final Connector connector;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;
  private boolean closed;

  Database(Dialect dialect, String location, Connector connector, Connection first) {
    this.dialect = dialect;
    this.location = location;
    this.connector = connector;
    this.connection = first;
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
    lock.lock();
    try {
      if (closed) {
        throw new StoreException("The store at " + location + " is closed; cannot " + what + ".");
      }
      try {
        return attempt(work);
      } catch (SQLException e) {
        if (dialect == Dialect.POSTGRESQL && isConnectionLost(e)) {
          // The server restarted or dropped an idle connection: the transaction did not happen, so
          // doing it again on a new connection is safe.
          reconnect(what);
          try {
            return attempt(work);
          } catch (SQLException again) {
            throw failure(what, again);
          }
        }
        throw failure(what, e);
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T attempt(Work<T> work) throws SQLException {
    Connection c = connection;
    c.setAutoCommit(false);
    boolean done = false;
    try {
      T result = work.run(c);
      c.commit();
      done = true;
      return result;
    } finally {
      if (!done) {
        rollbackQuietly(c);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      if (!c.isClosed()) {
        c.rollback();
      }
    } catch (SQLException ignored) {
      // The original failure is the one worth reporting.
    }
  }

  private void reconnect(String what) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Already broken.
    }
    try {
      connection = connector.connect();
    } catch (SQLException e) {
      throw failure(what, e);
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
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        connection.close();
      }
    } catch (SQLException e) {
      throw new StoreException("Could not close the store at " + location + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
