package org.influencebot.core.text;

import java.util.List;
import java.util.Objects;

/**
 * A sentence to show a user, not yet in a language: a message key of the bundle and its arguments.
 * Arguments are numbers, strings, {@link java.time.LocalDate}s or other {@code Text}s (localized in turn).
 */
public record Text(String key, List<Object> args) {
  public Text {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  public static Text of(String key, Object... args) {
    return new Text(key, List.of(args));
  }
}
