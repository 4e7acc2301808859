package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.influencebot.core.fake.model.Dataset;

/** Labeled dataset files as the evaluation commands read them: every problem told in one sentence. */
final class LabeledFiles {
  private LabeledFiles() {}

  /**
   * The file's labeled accounts, bad lines reported and skipped; or null, after telling {@code err} why,
   * when the file is missing or does not hold both humans and fakes.
   */
  static Dataset read(String command, Path file, PrintWriter err) throws IOException {
    if (!Files.isRegularFile(file)) {
      err.println(command + ": no such file: " + file);
      return null;
    }
    Dataset d = Dataset.read(file, e -> err.println(command + ": " + file + " " + e + " (skipped)"));
    if (d.size() == 0 || d.fakes() == 0 || d.fakes() == d.size()) {
      err.println(command + ": " + file + " needs accounts labeled both \"human\" and \"fake\"");
      return null;
    }
    return d;
  }
}
