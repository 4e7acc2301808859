package org.influencebot.store;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The child of {@link KillMidWriteTest}: writes as fast as it can and prints {@code committed <i>}
 * after each round of writes returned. It stops by itself after a minute or 3600 rounds, in case
 * nobody kills it.
 */
public final class KillMidWriteWriter {
  static final Scope SCOPE = Scope.discordServer("kill-test");
  static final int MAX_ROUNDS = 3600;

  private KillMidWriteWriter() {}

  public static void main(String[] args) {
    Path dataDirectory = Path.of(args[0]);
    StoreOptions options = new StoreOptions(
        Clock.systemUTC(), SettingRules.standard(), new RetentionPolicy(1_000_000, Duration.ofDays(3650)));
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    try (Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), options)) {
      System.out.println("open");
      System.out.flush();
      for (int i = 1; i <= MAX_ROUNDS && System.nanoTime() < deadline; i++) {
        store.links().link(new Member(Platform.DISCORD, "u" + i), "@h" + i);
        store.history().record(new ScorePoint(
            "bluesky", "writer", Clock.systemUTC().instant(), i, i, OptionalLong.of(i), OptionalLong.empty()));
        store.settings().change(SCOPE, "writer", "cooldown", Integer.toString(i));
        System.out.println("committed " + i);
        System.out.flush();
      }
    }
  }
}
