package org.influencebot.app;

import java.util.OptionalInt;
import org.influencebot.core.fake.model.Feature;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --drop} option of the evaluation commands: fields hidden from the accounts under test. */
final class DroppedFields {
  @Option(names = "--drop", split = ",", paramLabel = "FIELD",
      description = "hide these fields from the accounts under test: followers, following, posts, likes, listed, created_at, has_avatar, bio")
  String[] names = {};

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * The fields as a {@link Feature.Fields} mask, or empty after telling the command's error stream which
   * name is unknown.
   */
  OptionalInt mask() {
    try {
      return OptionalInt.of(Feature.Fields.parse(String.join(",", names)));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.name() + ": --drop: " + e.getMessage());
      return OptionalInt.empty();
    }
  }

  /** How a report names the dropped fields: ", without …", or nothing when none is. */
  static String without(int mask) {
    return mask == 0 ? "" : ", without " + Feature.Fields.describe(mask);
  }
}
