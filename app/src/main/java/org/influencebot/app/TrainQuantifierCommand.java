package org.influencebot.app;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.influencebot.core.quantify.QuantifierParameters;
import org.influencebot.core.quantify.QuantifierTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code train-quantifier}: builds the share estimator's parameter file, reproducibly for a seed and date. */
@Command(name = "train-quantifier", mixinStandardHelpOptions = true,
    description = "Measure the model's score distributions and the out-of-distribution reference on the labeled datasets "
        + "and write the share estimator's parameter file.")
public final class TrainQuantifierCommand implements Callable<Integer> {
  @Mixin
  TrainingRun run;

  @Override
  public Integer call() throws IOException {
    return run.run(org.influencebot.core.fake.evaluation.ShippedModel.DEFAULT_FILES, (files, seed, date) -> {
      QuantifierParameters p = QuantifierTrainer.shipped(files, seed, date);
      return new TrainingRun.Trained(p.toJson(), p.version());
    });
  }
}
