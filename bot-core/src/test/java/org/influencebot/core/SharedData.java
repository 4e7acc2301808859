package org.influencebot.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The research data beside the repository ({@code shared.dir}, {@code ../shared} from its root), never
 * copied into it. A test that needs a file of it is skipped where the file is missing (a developer's
 * checkout without it) but fails in CI ({@code CI=true}), where the data is always laid: a CI run that
 * lost it must not pass by skipping.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder, as the build passes it. */
  public static Path dir() {
    return Path.of(System.getProperty("shared.dir", "../../shared"));
  }

  /** Goes on when {@code path} exists; else skips the test, or fails it in CI. */
  public static void require(Path path) {
    require(path, System.getenv());
  }

  static void require(Path path, Map<String, String> environment) {
    boolean there = Files.exists(path);
    String why = "datasets not found under " + path;
    if ("true".equalsIgnoreCase(environment.getOrDefault("CI", ""))) {
      if (!there) {
        throw new AssertionError(why + ": in CI (CI=true) the shared data must be there, a test never skips for it");
      }
      return;
    }
    assumeTrue(there, why);
  }
}
