package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that cannot be used stops the bot with a sentence that says why and what to do; it never starts empty. */
class UnusableSqliteStoreTest {
  @TempDir Path dataDirectory;

  final FakeClock clock = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));

  Store open() {
    return Store.open(new StoreLocation.SqliteFile(dataDirectory), StoreOptions.standard(clock));
  }

  Path databaseFile() {
    return dataDirectory.resolve(StoreLocation.SqliteFile.FILE_NAME);
  }

  @Test
  void aFileThatIsNotADatabaseIsLeftAloneAndNamed() throws Exception {
    byte[] garbage = "these are not the pages of an SQLite database\n".repeat(200).getBytes(StandardCharsets.UTF_8);
    Files.write(databaseFile(), garbage);

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessage(databaseFile() + " is not an SQLite database (the file holds something else). Move it aside or "
            + "restore it from a backup; influence-bot will not start with an empty store in its place.");
    assertThat(Files.readAllBytes(databaseFile())).isEqualTo(garbage);
  }

  @Test
  void aDatabaseWithDamagedPagesIsReportedAsDamaged() throws Exception {
    try (Store store = open()) {
      for (int i = 0; i < 400; i++) {
        store.history().record(new ScorePoint("bluesky", "h" + (i % 40), clock.instant().minusSeconds(i), i, i,
            OptionalLong.of(i), OptionalLong.empty()));
        store.links().link(new Member(Platform.DISCORD, "u" + i), "@someone-with-a-long-handle-" + i);
      }
    }
    long size = Files.size(databaseFile());
    assertThat(size).isGreaterThan(8 * 4096);
    try (RandomAccessFile file = new RandomAccessFile(databaseFile().toFile(), "rw")) {
      byte[] noise = new byte[4096 * 4];
      java.util.Arrays.fill(noise, (byte) 0x5a);
      file.seek(4096 * 2); // past the header page: the file still opens, its tables do not add up
      file.write(noise);
    }

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith(databaseFile().toString())
        .hasMessageContaining("Stop the bot, move the file aside and restore it from a backup");
  }

  @Test
  void aFolderWhereTheFileShouldBeIsNamed() throws Exception {
    Files.createDirectories(databaseFile());

    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessage(databaseFile() + " is a folder, where influence-bot keeps its database file. "
            + "Move that folder away (or restore the database file there from a backup).");
  }

  @Test
  void aDataDirectoryThatIsAFileIsNamed() throws Exception {
    Path notAFolder = dataDirectory.resolve("data");
    Files.writeString(notAFolder, "oops");

    assertThatThrownBy(() -> Store.open(new StoreLocation.SqliteFile(notAFolder), StoreOptions.standard(clock)))
        .isInstanceOf(StoreException.class)
        .hasMessageStartingWith("The data directory " + notAFolder + " is a file, not a folder.");
  }

  @Test
  void aReadOnlyDataDirectoryIsNamedBeforeAnythingIsWritten() throws Exception {
    try (Store store = open()) {
      store.links().link(new Member(Platform.DISCORD, "1"), "@alice");
    }
    ReadOnly readOnly = ReadOnly.make(dataDirectory);
    try {
      assertThatThrownBy(this::open)
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith("The data directory " + dataDirectory.toAbsolutePath() + " is not writable by this process")
          .hasMessageEndingWith("give that user write access, or choose another data directory.");
    } finally {
      readOnly.undo();
    }
    try (Store store = open()) {
      assertThat(store.links().linkOf(new Member(Platform.DISCORD, "1"))).isPresent();
    }
  }

  @Test
  void aReadOnlyDatabaseFileInAWritableFolderIsNamedAtOpeningNotAtTheFirstLostWrite() throws Exception {
    try (Store store = open()) {
      store.links().link(new Member(Platform.DISCORD, "1"), "@alice");
    }
    ReadOnly readOnly = ReadOnly.make(databaseFile());
    try {
      assertThatThrownBy(this::open)
          .isInstanceOf(StoreException.class)
          .hasMessageStartingWith(databaseFile() + " is read-only for this process (user ")
          .hasMessageContaining("so nothing could be saved: no settings, links or score history.")
          .hasMessageEndingWith("or run the bot as the user who owns it.");
    } finally {
      readOnly.undo();
    }
    try (Store store = open()) {
      assertThat(store.links().linkOf(new Member(Platform.DISCORD, "1"))).isPresent();
    }
  }

  /**
   * Makes a folder (or a file) read-only for this process. Root ignores permission bits, and tests run as root
   * in CI, so root uses the immutable attribute instead, which binds root too.
   */
  private record ReadOnly(Path folder, boolean immutable) {
    static ReadOnly make(Path folder) throws IOException, InterruptedException {
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        Process chattr = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
        assumeTrue(chattr.waitFor(10, TimeUnit.SECONDS) && chattr.exitValue() == 0,
            "chattr +i is not available on this file system: cannot make a folder read-only for root");
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
      }
      return new ReadOnly(folder, root);
    }

    void undo() throws IOException, InterruptedException {
      if (immutable) {
        new ProcessBuilder("chattr", "-i", folder.toString()).start().waitFor(10, TimeUnit.SECONDS);
      } else {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(Files.isDirectory(folder) ? "rwx------" : "rw-------"));
      }
    }
  }
}
