package org.influencebot.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code train} and {@code train-quantifier} share: the labeled files, the seed and the date recorded
 * in the file they write, so that each parameter file is rebuilt byte for byte from a seed and a date.
 */
final class TrainingRun {
  /** Builds a parameter file's text from the labeled files, a seed and a date. */
  interface Trainer {
    Trained train(List<Path> files, long seed, String date) throws IOException;
  }

  /** A trained parameter file: its JSON text and the name it is known by. */
  record Trained(String json, String name) {}

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "the parameter file to write")
  Path output;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--created", paramLabel = "YYYY-MM-DD",
      description = "date recorded in the file (default: today); pass the shipped file's to reproduce it byte for byte")
  String created;

  @Option(names = "--shared-dir", paramLabel = "DIR", description = "the shared directory (default: -Dshared.dir, else ../shared)")
  Path sharedDir;

  @Option(names = "--input", split = ",", paramLabel = "FILE.jsonl",
      description = "labeled files (default: the seven of docs/evaluation.md under <shared-dir>/datasets/)")
  List<Path> inputs;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Trains on the chosen files and writes the output: 0, or 2 with a sentence when a file is missing. */
  int run(List<String> defaultFiles, Trainer trainer) throws IOException {
    Path datasets = SharedDir.resolve(sharedDir).resolve("datasets");
    List<Path> files = inputs != null && !inputs.isEmpty() ? inputs : defaultFiles.stream().map(datasets::resolve).toList();
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        spec.commandLine().getErr().println(spec.name() + ": no such file: " + f + LabeledFiles.SHARED_DIR_HINT);
        return 2;
      }
    }
    String date = created != null ? created : LocalDate.now().toString();
    Trained trained = trainer.train(files, seed, date);
    Files.writeString(output, trained.json(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + output + " (" + trained.name() + ", seed " + seed + ", created " + date + ")");
    return 0;
  }
}
