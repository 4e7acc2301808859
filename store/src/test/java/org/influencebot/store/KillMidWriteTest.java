package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KillMidWriteTest {
  static final int KILL_AFTER = 300;

  @TempDir Path dataDirectory;

  @Test
  @Timeout(60)
  void everyWriteReportedAsCommittedSurvivesAKillMidWriteAndTheFileStaysSound() throws Exception {
    Process writer = ChildJvm.start(KillMidWriteWriter.class, dataDirectory.toString());
    List<Integer> committed = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          committed.add(Integer.parseInt(line.substring("committed ".length())));
          if (committed.size() == KILL_AFTER) {
            // SIGKILL: no shutdown hook, no close, most likely in the middle of a round. Through the
            // handle, since Process.destroyForcibly() would also close the pipe still to be read.
            writer.toHandle().destroyForcibly();
          }
        }
      }
      // Lines printed before the kill are still read here, up to the end of the pipe.
    }
    assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.exitValue()).as("killed, not finished").isNotZero();
    assertThat(committed).hasSizeGreaterThanOrEqualTo(KILL_AFTER).hasSizeLessThan(KillMidWriteWriter.MAX_ROUNDS);

    Set<Integer> linked = new TreeSet<>();
    Set<Long> recorded;
    Set<String> audited;
    StoreStatistics statistics;
    try (Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), StoreOptions.standard(Clock.systemUTC()))) {
      for (int i : committed) {
        if (store.links().linkOf(new Member(Platform.DISCORD, "u" + i)).isPresent()) {
          linked.add(i);
        }
      }
      recorded = store.history().pointsSince("bluesky", "writer", Instant.EPOCH).stream()
          .map(p -> p.followers().getAsLong()).collect(Collectors.toSet());
      audited = store.audit().recent(KillMidWriteWriter.SCOPE, 10_000).stream()
          .map(AuditEntry::newValue).collect(Collectors.toSet());
      statistics = store.statistics();
    }
    int last = committed.get(committed.size() - 1);
    System.out.printf("kill-mid-write: %d rounds (%d writes) reported committed before the kill, last %d; "
            + "found all %d links, %d score points, %d audited setting changes of them; rows in the file: %s%n",
        committed.size(), committed.size() * 3, last, linked.size(), recorded.size(), audited.size(),
        statistics.rowCounts());

    assertThat(linked).containsExactlyInAnyOrderElementsOf(committed);
    for (int i : committed) {
      assertThat(recorded).contains((long) i);
      assertThat(audited).contains(Integer.toString(i));
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve("influence-bot.db"));
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("ok");
    }
  }
}
