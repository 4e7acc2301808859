package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.influencebot.core.fake.evaluation.Evaluation;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.ModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evaluate}: the model's figures next to the published rules' on a labeled file, with the
 * shipped model, by cross-validation within the file ({@code --folds}), or trained on another file
 * ({@code --train}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Accuracy, precision, recall, F1, MCC, ROC AUC and Brier of the model and of the published rules.")
public final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "FILE.jsonl", description = "labeled accounts to test on")
  Path input;

  @Option(names = "--json", description = "print only the model's figures as one JSON object")
  boolean json;

  @Option(names = "--folds", paramLabel = "K", description = "stratified K-fold cross-validation, training within the file")
  Integer folds;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the folds and of training (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--train", paramLabel = "FILE.jsonl", description = "train on this file and test on --input")
  Path train;

  @Mixin
  DroppedFields drop;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (folds != null && train != null) {
      err.println("evaluate: use either --folds or --train, not both");
      return 2;
    }
    if (folds != null && folds < 2) {
      err.println("evaluate: --folds needs at least 2");
      return 2;
    }
    OptionalInt dropped = drop.mask();
    if (dropped.isEmpty()) {
      return 2;
    }
    int dropFields = dropped.getAsInt();
    Dataset test = LabeledFiles.read("evaluate", input, err);
    if (test == null) {
      return 2;
    }
    ModelTrainer.Options o = ModelTrainer.Options.defaults(seed);
    Evaluation.Report report;
    if (folds != null) {
      report = Evaluation.crossValidate(test, folds, seed, dropFields, o);
    } else if (train != null) {
      Dataset tr = LabeledFiles.read("evaluate", train, err);
      if (tr == null) {
        return 2;
      }
      report = Evaluation.crossFile(tr, test, dropFields, o);
    } else {
      FakeModel m = FakeModel.loadDefault();
      report = Evaluation.evaluate(m, test.drop(dropFields), "shipped model " + m.name() + " on " + test.name()
          + DroppedFields.without(dropFields)
          + " (trained on the project's datasets: in-sample if this is one of them)");
    }
    out.println(json ? report.toJson() : report.toTable());
    out.flush();
    return 0;
  }
}
