package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
  static final String TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret-part-of-the-token";

  @TempDir Path dataDirectory;

  @Test
  @Timeout(30)
  void aSecondProcessWithTheSameTokenIsToldWhichPidRunsAndWhere() throws Exception {
    Process holder = ChildJvm.start(LockHolder.class, dataDirectory.toString(), TOKEN);
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).startsWith("locked ");

      assertThatThrownBy(() -> InstanceLock.acquire(dataDirectory, TOKEN))
          .isInstanceOf(StoreException.class)
          .hasMessage("Another influence-bot is already running with this token in " + dataDirectory.toAbsolutePath()
              + " (pid " + holder.pid() + "). Stop it first, or give this one its own token or data directory.");
    } finally {
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
    }

    try (InstanceLock lock = InstanceLock.acquire(dataDirectory, TOKEN)) {
      assertThat(Files.readString(lock.file())).isEqualTo("pid " + ProcessHandle.current().pid() + "\n");
    }
  }

  @Test
  void theSameProcessCannotTakeItTwiceButAnotherTokenCan() {
    try (InstanceLock first = InstanceLock.acquire(dataDirectory, TOKEN);
        InstanceLock other = InstanceLock.acquire(dataDirectory, "another-bot")) {
      assertThat(other.file()).isNotEqualTo(first.file());
      assertThatThrownBy(() -> InstanceLock.acquire(dataDirectory, TOKEN))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("(pid " + ProcessHandle.current().pid() + ")");
    }
    try (InstanceLock again = InstanceLock.acquire(dataDirectory, TOKEN)) {
      assertThat(again.file()).exists();
    }
  }

  @Test
  void theTokenIsWrittenNowhere() throws Exception {
    try (InstanceLock lock = InstanceLock.acquire(dataDirectory, TOKEN)) {
      assertThat(lock.file().getFileName().toString()).matches("[0-9a-f]{16}\\.lock");
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          assertThat(file.toString()).doesNotContain("secret");
          assertThat(Files.readString(file)).doesNotContain("secret").doesNotContain(TOKEN);
        }
      }
    }
  }
}
