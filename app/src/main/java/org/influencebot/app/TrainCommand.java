package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.influencebot.core.fake.evaluation.ShippedModel;
import org.influencebot.core.fake.model.FakeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code train}: builds the model file from the labeled datasets, reproducibly for a seed and date. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the fake-account model on the labeled datasets and write its parameter file.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--output", required = true, paramLabel = "FILE", description = "the model file to write")
  Path output;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--created", paramLabel = "YYYY-MM-DD",
      description = "date recorded in the file (default: today); pass the shipped file's to reproduce it byte for byte")
  String created;

  @Option(names = "--shared-dir", paramLabel = "DIR", description = "the shared directory (default: -Dshared.dir, else ../shared)")
  Path sharedDir;

  @Option(names = "--input", split = ",", paramLabel = "FILE.jsonl",
      description = "labeled files (default: <shared-dir>/datasets/twitter-cresci-2015.jsonl and twitter-cresci-2017-sample.jsonl)")
  List<Path> inputs;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files = inputs != null && !inputs.isEmpty() ? inputs : ShippedModel.defaultFiles(SharedDir.resolve(sharedDir));
    for (Path f : files) {
      if (!Files.isRegularFile(f)) {
        err.println("train: no such file: " + f + " (set --shared-dir or -Dshared.dir)");
        return 2;
      }
    }
    String date = created != null ? created : LocalDate.now().toString();
    FakeModel m = ShippedModel.build(files, seed, date);
    Files.writeString(output, m.toJson(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + output + " (" + m.name() + ", seed " + seed + ", created " + date + ")");
    return 0;
  }
}
