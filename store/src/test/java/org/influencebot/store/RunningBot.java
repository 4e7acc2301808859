package org.influencebot.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * The child of {@link SharedSqliteFileTest}: starts as the bot does (its token's lock, the SQLite
 * store's lock, then the store), writes what one {@code /influence} and one {@code /settings} write,
 * says {@code ready} and keeps everything open until its standard input closes.
 */
public final class RunningBot {
  private RunningBot() {}

  public static void main(String[] args) throws IOException {
    Path dataDirectory = Path.of(args[0]);
    try (InstanceLock token = InstanceLock.acquire(dataDirectory, args[1]);
        InstanceLock sqlite = InstanceLock.acquireSqliteStore(dataDirectory);
        Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), StoreOptions.standard(Clock.systemUTC()))) {
      store.history().record(new ScorePoint("bluesky", "alice", Clock.systemUTC().instant(), 50, 90,
          OptionalLong.of(1000), OptionalLong.empty()));
      store.settings().change(Scope.discordServer("1"), "mod", "cooldown", "30");
      store.settings().settingsOf(Scope.discordServer("1"));
      System.out.println("ready");
      System.out.flush();
      while (System.in.read() != -1) {
        // keep running
      }
    }
  }
}
