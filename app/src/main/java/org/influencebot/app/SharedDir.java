package org.influencebot.app;

import java.nio.file.Path;

/** Where the shared research material lives: an option, else {@code -Dshared.dir}, else {@code ../shared}. */
final class SharedDir {
  private SharedDir() {}

  static Path resolve(Path option) {
    if (option != null) {
      return option;
    }
    String p = System.getProperty("shared.dir");
    return Path.of(p != null && !p.isBlank() ? p : "../shared");
  }
}
