package org.influencebot.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The launcher. With no sub-command it runs the chat bots whose tokens are configured, or the
 * console when there are none.
 */
@Command(name = "influence-bot", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "How influential a social account really is, and how much of that influence is bought.",
    subcommands = {ConsoleCommand.class, ScoreCommand.class, ClassifyCommand.class, AuditMembersCommand.class, EvaluateCommand.class, AuditEvalCommand.class, TrainCommand.class, TrainQuantifierCommand.class,
        CheckConfigCommand.class})
public final class Main implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
      description = "YAML configuration file (see config/influence-bot.example.yml). Environment variables override it.")
  Path config;

  @Option(names = "--lang", paramLabel = "LANG", scope = ScopeType.INHERIT,
      description = "Language of the console and CLI output: en or fr (default: the config's language).")
  String lang;

  /**
   * Caffeine reports failed loads through java.util.logging with a stack trace; the service already
   * turns them into a sentence and logs them once, so they are kept off the console.
   */
  private static final java.util.logging.Logger CAFFEINE_LOG = java.util.logging.Logger.getLogger("com.github.benmanes.caffeine");

  public static void main(String[] args) {
    CAFFEINE_LOG.setLevel(java.util.logging.Level.OFF);
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("influence-bot: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
      return 1;
    });
    return cli.execute(args);
  }

  Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    // No sub-command: the chat bots whose tokens are configured, or the console when there are none.
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    org.influencebot.config.Settings settings;
    try {
      settings = Launch.settings(configFile());
    } catch (org.influencebot.config.ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (settings.optional("discord.token").isEmpty() && settings.optional("telegram.token").isEmpty()) {
      return ConsoleCommand.run(this, out, err);
    }
    // The locks before the store: a second bot is told at once, without waiting on the database.
    AutoCloseable locks;
    try {
      locks = PlatformBots.lock(settings);
    } catch (org.influencebot.store.StoreException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (locks; BotContext context = BotContext.create(settings)) {
      return PlatformBots.run(context, out, err);
    } catch (org.influencebot.config.ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  /** The version from the jar's manifest, or "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"influence-bot " + (v == null ? "development" : v)};
    }
  }
}
