package org.influencebot.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
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
    Settings settings = Settings.load(file, environment());
    if (settings.string("logging.format").equals("json")) {
      useLogConfiguration("logback-json.xml");
    }
    useLogLevel(settings.string("logging.level"));
    return settings;
  }

  /** The level of the bot's own loggers ({@code logging.level}); libraries stay at warnings and errors. */
  static void useLogLevel(String level) {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger("org.influencebot").setLevel(ch.qos.logback.classic.Level.toLevel(level.strip(),
          ch.qos.logback.classic.Level.INFO));
    }
  }

  /** Switches Logback to another configuration from the jar (readable lines are the default). */
  static void useLogConfiguration(String resource) {
    if (!(org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Launch.class.getResource("/" + resource));
    } catch (JoranException e) {
      throw new IllegalStateException("the bundled " + resource + " is invalid", e);
    }
  }

  static Map<String, String> environment() {
    return System.getenv();
  }

  static Messages messages(String lang, Settings settings) {
    return Messages.forTag(lang != null ? lang : settings.string("language"));
  }
}
