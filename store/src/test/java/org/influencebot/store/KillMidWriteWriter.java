package org.influencebot.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.influencebot.core.settings.SettingRules;

/**
 * The child of {@link KillMidWriteTest}. Writes {@link #ROUNDS} rounds (link a member, record a score
 * point, change a setting: three transactions) and prints {@code committed <i>} after each. Then it
 * links one more member without saying so, and opens a large transaction on the store's own
 * connection that it never commits: with a tiny page cache, SQLite spills those pages into the WAL
 * file. It prints {@code mid-transaction} and waits there (for the kill; it ends by itself when its
 * standard input closes).
 */
public final class KillMidWriteWriter {
  static final Scope SCOPE = Scope.discordServer("kill-test");
  static final int ROUNDS = 300;
  static final int UNCOMMITTED_POINTS = 5000;

  private KillMidWriteWriter() {}

  public static void main(String[] args) throws Exception {
    Path dataDirectory = Path.of(args[0]);
    StoreOptions options = new StoreOptions(
        Clock.systemUTC(), SettingRules.standard(), new RetentionPolicy(1_000_000, Duration.ofDays(3650)));
    try (Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), options)) {
      for (int i = 1; i <= ROUNDS; i++) {
        store.links().link(new Member(Platform.DISCORD, "u" + i), "@h" + i);
        store.history().record(new ScorePoint(
            "bluesky", "writer", Clock.systemUTC().instant(), i, i, OptionalLong.of(i), OptionalLong.empty()));
        store.settings().change(SCOPE, "writer", "cooldown", Integer.toString(i));
        System.out.println("committed " + i);
        System.out.flush();
      }
      store.links().link(new Member(Platform.DISCORD, "u" + (ROUNDS + 1)), "@h" + (ROUNDS + 1));
      ((JdbcStore) store).database().inTransaction("write without committing", c -> {
        Dialect.execute(c, "PRAGMA cache_size = 4");
        try (PreparedStatement insert = c.prepareStatement(
            "INSERT INTO score_point (network, handle, computed_at, influence_score, authenticity_score) "
                + "VALUES ('bluesky', 'uncommitted', ?, 1, 1)")) {
          for (int i = 0; i < UNCOMMITTED_POINTS; i++) {
            insert.setLong(1, i);
            insert.executeUpdate();
          }
        }
        System.out.println("mid-transaction");
        System.out.flush();
        try {
          while (System.in.read() != -1) {
            // waiting for the kill
          }
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        throw new IllegalStateException("nobody killed this writer");
      });
    }
  }
}
