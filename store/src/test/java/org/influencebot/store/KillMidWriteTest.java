package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class KillMidWriteTest {
  @TempDir Path dataDirectory;

  @Test
  @Timeout(60)
  void everyWriteReportedAsCommittedSurvivesAKillMidTransactionAndTheUncommittedOneLeavesNoTrace() throws Exception {
    Process writer = ChildJvm.start(KillMidWriteWriter.class, dataDirectory.toString());
    List<Integer> committed = new ArrayList<>();
    Path wal = dataDirectory.resolve(StoreLocation.SqliteFile.FILE_NAME + "-wal");
    long walBytesAtKill = -1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          committed.add(Integer.parseInt(line.substring("committed ".length())));
        } else if (line.equals("mid-transaction")) {
          // The writer waits inside its open transaction (its spilled pages in the WAL): SIGKILL now, no
          // shutdown hook, no rollback. Through the handle, since Process.destroyForcibly() would
          // also close the pipe.
          walBytesAtKill = Files.size(wal);
          writer.toHandle().destroyForcibly();
        }
      }
    }
    assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.exitValue()).as("killed, not finished").isNotZero();
    assertThat(committed).as("every round reported, in order")
        .isEqualTo(IntStream.rangeClosed(1, KillMidWriteWriter.ROUNDS).boxed().toList());

    Set<Integer> linked = new TreeSet<>();
    Set<Long> recorded;
    Set<String> audited;
    int uncommitted;
    try (Store store = Store.open(new StoreLocation.SqliteFile(dataDirectory), StoreOptions.standard(Clock.systemUTC()))) {
      for (int i = 1; i <= KillMidWriteWriter.ROUNDS + 1; i++) {
        if (store.links().linkOf(new Member(Platform.DISCORD, "u" + i)).isPresent()) {
          linked.add(i);
        }
      }
      recorded = store.history().pointsSince("bluesky", "writer", Instant.EPOCH).stream()
          .map(p -> p.followers().getAsLong()).collect(Collectors.toSet());
      audited = store.audit().recent(KillMidWriteWriter.SCOPE, 10_000).stream()
          .map(AuditEntry::newValue).collect(Collectors.toSet());
      uncommitted = store.history().pointsSince("bluesky", "uncommitted", Instant.EPOCH).size();
    }
    System.out.printf("kill-mid-write: %d rounds (%d writes) reported committed; found %d links, %d score points, "
            + "%d audited changes; WAL at the kill %d bytes; points of the uncommitted transaction found: %d%n",
        committed.size(), committed.size() * 3, linked.size(), recorded.size(), audited.size(), walBytesAtKill,
        uncommitted);

    assertThat(linked).as("every reported link, and the one committed after the last report")
        .isEqualTo(IntStream.rangeClosed(1, KillMidWriteWriter.ROUNDS + 1).boxed().collect(Collectors.toSet()));
    assertThat(recorded).hasSize(KillMidWriteWriter.ROUNDS);
    assertThat(audited).hasSize(KillMidWriteWriter.ROUNDS);
    assertThat(uncommitted).as("nothing of the transaction the kill interrupted").isZero();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve("influence-bot.db"));
        Statement statement = c.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo("ok");
    }
  }
}
