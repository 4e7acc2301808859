package org.influencebot.core.settings;

import java.util.Objects;

/**
 * A moderator named an unknown setting or gave it a value it cannot take. The message is one
 * English sentence naming the key and the valid values; {@link #key()} and {@link #validValues()}
 * let an adapter build a translated reply instead.
 */
public class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String validValues;

  InvalidSettingException(String message, String key, String validValues) {
    super(message);
    this.key = Objects.requireNonNull(key);
    this.validValues = Objects.requireNonNull(validValues);
  }

  /** The key as the moderator typed it. */
  public String key() {
    return key;
  }

  /** The accepted values (or keys, for an unknown key), as a readable list. */
  public String validValues() {
    return validValues;
  }
}
