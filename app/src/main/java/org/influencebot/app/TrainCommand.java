package org.influencebot.app;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.influencebot.core.fake.evaluation.ShippedModel;
import org.influencebot.core.fake.model.FakeModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code train}: builds the model file from the labeled datasets, reproducibly for a seed and date. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the fake-account model on the labeled datasets and write its parameter file.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin
  TrainingRun run;

  @Override
  public Integer call() throws IOException {
    return run.run(ShippedModel.DEFAULT_FILES, (files, seed, date) -> {
      FakeModel m = ShippedModel.build(files, seed, date);
      return new TrainingRun.Trained(m.toJson(), m.name());
    });
  }
}
