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
import org.influencebot.core.quantify.QuantifierParameters;
import org.influencebot.core.quantify.QuantifierTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code train-quantifier}: builds the share estimator's parameter file, reproducibly for a seed and date. */
@Command(name = "train-quantifier", mixinStandardHelpOptions = true,
    description = "Measure the model's score distributions and the out-of-distribution reference on the labeled datasets "
        + "and write the share estimator's parameter file.")
public final class TrainQuantifierCommand implements Callable<Integer> {
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
        err.println("train-quantifier: no such file: " + f + " (set --shared-dir or -Dshared.dir)");
        return 2;
      }
    }
    String date = created != null ? created : LocalDate.now().toString();
    QuantifierParameters p = QuantifierTrainer.shipped(files, seed, date);
    Files.writeString(output, p.toJson(), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + output + " (" + p.version() + ", seed " + seed + ", created " + date + ")");
    return 0;
  }
}
