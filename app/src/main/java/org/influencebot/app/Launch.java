package org.influencebot.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.text.Messages;

/** Shared steps of the sub-commands: load the settings, pick the language. */
final class Launch {
  private Launch() {}

  static Settings settings(Optional<Path> file) throws ConfigException {
    return Settings.load(file, environment());
  }

  static Map<String, String> environment() {
    return System.getenv();
  }

  static Messages messages(String lang, Settings settings) {
    return Messages.forTag(lang != null ? lang : settings.string("language"));
  }
}
