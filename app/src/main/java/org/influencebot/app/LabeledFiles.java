package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.fake.model.Dataset;

/** Labeled dataset files as the evaluation commands read them: every problem told in one sentence. */
final class LabeledFiles {
  /** Said after a missing file or folder that was looked for under the shared directory. */
  static final String SHARED_DIR_HINT = " (set --shared-dir or -Dshared.dir)";

  private LabeledFiles() {}

  /**
   * The file's labeled accounts, bad lines reported and skipped; or null, after telling {@code err} why,
   * when the file is missing or does not hold both humans and fakes.
   */
  static Dataset read(String command, Path file, PrintWriter err) throws IOException {
    Dataset d = accounts(command, file, "", err);
    if (d == null) {
      return null;
    }
    if (d.size() == 0 || d.fakes() == 0 || d.fakes() == d.size()) {
      err.println(command + ": " + file + " needs accounts labeled both \"human\" and \"fake\"");
      return null;
    }
    return d;
  }

  /** {@link #read} of every file in turn; null at the first that cannot be used. */
  static List<Dataset> readAll(String command, List<Path> files, PrintWriter err) throws IOException {
    List<Dataset> sets = new ArrayList<>();
    for (Path f : files) {
      Dataset d = read(command, f, err);
      if (d == null) {
        return null;
      }
      sets.add(d);
    }
    return sets;
  }

  /**
   * The file's accounts, whatever their labels, bad lines reported and skipped; or null, after telling
   * {@code err} "no such file" followed by {@code hint}, when the file is missing.
   */
  static Dataset accounts(String command, Path file, String hint, PrintWriter err) throws IOException {
    if (!Files.isRegularFile(file)) {
      err.println(command + ": no such file: " + file + hint);
      return null;
    }
    return Dataset.read(file, e -> err.println(command + ": " + file + " " + e + " (skipped)"));
  }
}
