package org.influencebot.app;

import java.io.PrintWriter;
import java.util.OptionalInt;
import org.influencebot.core.fake.model.Feature;
import picocli.CommandLine.Option;

/** The {@code --drop} option of the evaluation commands: fields hidden from the accounts under test. */
final class DroppedFields {
  @Option(names = "--drop", split = ",", paramLabel = "FIELD",
      description = "hide these fields from the accounts under test: followers, following, posts, likes, listed, created_at, has_avatar, bio")
  String[] names = {};

  /** The fields as a {@link Feature.Fields} mask, or empty after telling {@code err} which name is unknown. */
  OptionalInt mask(String command, PrintWriter err) {
    try {
      return OptionalInt.of(Feature.Fields.parse(String.join(",", names)));
    } catch (IllegalArgumentException e) {
      err.println(command + ": --drop: " + e.getMessage());
      return OptionalInt.empty();
    }
  }
}
