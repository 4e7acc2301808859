package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.core.members.MemberLog;
import org.junit.jupiter.api.Test;

/**
 * The member log on PostgreSQL, and what a lost connection does to its writes: the one engine the store retries
 * on (docs/store.md). No real server drops a connection exactly at COMMIT on demand: a mocked JDBC connection,
 * delegating everything else to a real one, does (as in {@link DatabaseRetryTest}).
 */
class PostgresMemberLogTest extends MemberLogContract {
  @Override
  StoreLocation newLocation() {
    return PostgresTestServer.shared().newDatabase();
  }

  private static SQLException lost() {
    return new SQLException("An I/O error occurred while sending to the backend.", "08006");
  }

  private Connection realConnection() throws SQLException {
    StoreLocation.PostgresDatabase db = (StoreLocation.PostgresDatabase) location;
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  @Test
  void aWriteCommittedThenLostAndDoneAgainByItsCallerIsNotDuplicated() throws SQLException {
    try (Connection real = realConnection()) {
      Connection flaky = mock(Connection.class, delegatesTo(real));
      Database database = new Database(Dialect.POSTGRESQL, "postgresql://test", Database.single(flaky));
      JdbcMemberLog flakyLog = new JdbcMemberLog(database, clock, RetentionPolicy.STANDARD_MEMBER_RETENTION);
      flakyLog.sweepIfDue(); // the day's sweep done now, so the commits below are the writes'
      AtomicInteger commits = new AtomicInteger();
      // The server commits, then the connection drops before the answer arrives: the outcome is unknown.
      doAnswer(call -> {
        real.commit();
        if (commits.incrementAndGet() <= 2) {
          throw lost();
        }
        return null;
      }).when(flaky).commit();

      assertThatThrownBy(() -> flakyLog.joined(DISCORD, GUILD, member("1", daysAgo(2))))
          .isInstanceOf(StoreException.class).hasMessageContaining("may or may not have been saved");
      MemberLog.AuditRecord record = audit(daysAgo(1), 100);
      assertThatThrownBy(() -> flakyLog.audited(DISCORD, GUILD, record))
          .isInstanceOf(StoreException.class).hasMessageContaining("may or may not have been saved");
      // The caller does it again (as MemberWatch's next event, or a moderator's next audit, would).
      flakyLog.joined(DISCORD, GUILD, member("1", daysAgo(2)));
      flakyLog.audited(DISCORD, GUILD, record);

      assertThat(log.members(DISCORD, GUILD)).containsExactly(member("1", daysAgo(2)));
      assertThat(log.audits(DISCORD, GUILD, 10)).containsExactly(record);
      assertThat(store.statistics().rowCounts()).containsEntry("member_seen", 1L).containsEntry("member_audit", 1L);
    }
  }

  @Test
  void aWriteWhoseConnectionWasLostBeforeCommitIsRetriedOnceAndNotDuplicated() throws SQLException {
    try (Connection real = realConnection()) {
      Connection flaky = mock(Connection.class, delegatesTo(real));
      AtomicInteger statements = new AtomicInteger();
      // The statement runs, then the connection drops before COMMIT: the transaction rolls back, the store retries.
      doAnswer(call -> {
        PreparedStatement statement = real.prepareStatement(call.getArgument(0));
        if (statements.incrementAndGet() > 1) {
          return statement;
        }
        PreparedStatement dropped = mock(PreparedStatement.class, delegatesTo(statement));
        doAnswer(execute -> {
          statement.executeUpdate();
          throw lost();
        }).when(dropped).executeUpdate();
        return dropped;
      }).when(flaky).prepareStatement(anyString());
      Database database = new Database(Dialect.POSTGRESQL, "postgresql://test", Database.single(flaky));
      JdbcMemberLog flakyLog = new JdbcMemberLog(database, clock, RetentionPolicy.STANDARD_MEMBER_RETENTION);

      flakyLog.audited(DISCORD, GUILD, audit(daysAgo(1), 100));

      assertThat(statements.get()).as("the upsert, once more, then the first sweep's statements").isGreaterThan(2);
      assertThat(log.audits(DISCORD, GUILD, 10)).containsExactly(audit(daysAgo(1), 100));
    }
  }
}
