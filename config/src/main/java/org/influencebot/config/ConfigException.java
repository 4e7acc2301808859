package org.influencebot.config;

/** A configuration that cannot be used; the message names the file, the key and the fix. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
