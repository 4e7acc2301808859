package org.influencebot.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.influencebot.core.handle.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFileSourceTest {
  @TempDir
  Path dir;

  @Test
  void findsAccountsByHandleIgnoringCaseAndNetwork() throws Exception {
    Path f = dir.resolve("a.jsonl");
    Files.writeString(f, "{\"network\":\"twitter\",\"handle\":\"Alice\",\"followers\":10}\n\n{\"handle\":\"bob\",\"followers\":3}\n");
    DatasetFileSource source = DatasetFileSource.open(f);
    assertThat(source.fetch(Handle.unqualified("alice")).join().followers()).hasValue(10);
    assertThat(source.fetch(Handle.of("twitter", "ALICE")).join().handle()).isEqualTo("Alice");
    assertThat(source.fetch(Handle.of("mastodon", "bob")).join().handle()).isEqualTo("bob");
    assertThat(source.fetch(Handle.of("bluesky", "alice"))).isCompletedExceptionally();
    // With source.default: file, "@alice" typed without a network arrives as file:alice.
    assertThat(source.fetch(Handle.of("file", "alice")).join().network()).hasValue("twitter");
    assertThat(source.fetch(Handle.unqualified("carol")).handle((a, e) -> e)).succeedsWithin(java.time.Duration.ofSeconds(1))
        .isInstanceOf(AccountNotFoundException.class);
  }

  @Test
  void aBadLineStopsWithItsNumberAndField() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(f, "{\"handle\":\"a\"}\n{\"handle\":\"b\",\"followers\":-1}\n");
    assertThatThrownBy(() -> DatasetFileSource.open(f)).hasMessageContaining("line 2").hasMessageContaining("followers");
    assertThatThrownBy(() -> DatasetFileSource.open(dir.resolve("missing.jsonl"))).hasMessageContaining("no such file");
  }
}
