package org.influencebot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core never imports a platform library or a logging binding (architecture.md). */
class ArchitectureTest {
  @Test
  void coreImportsNoPlatformType() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          String s = Files.readString(p);
          return s.contains("import net.dv8tion") || s.contains("import org.telegram") || s.contains("import ch.qos.logback");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(Path::toString).toList();
    }
    assertThat(offenders).isEmpty();
  }
}
