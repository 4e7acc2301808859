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
    subcommands = {ConsoleCommand.class, ScoreCommand.class, ClassifyCommand.class, EvaluateCommand.class, TrainCommand.class,
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
  public Integer call() throws java.io.IOException {
    // No sub-command: the console (the platform bots start here once their tokens are configured).
    return ConsoleCommand.run(this, spec.commandLine().getOut(), spec.commandLine().getErr());
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
