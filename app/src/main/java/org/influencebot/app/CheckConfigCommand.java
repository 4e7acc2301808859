package org.influencebot.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import picocli.CommandLine;

/** {@code check-config}: validates the configuration and the environment and prints what would run. */
@CommandLine.Command(name = "check-config", description = "Validate the configuration and print what would run (secrets hidden).")
final class CheckConfigCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main parent;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings;
    org.influencebot.core.reference.References references;
    try {
      settings = Launch.settings(parent.configFile());
      // The same construction a run does, so that what passes here also runs.
      BotContext.source(settings, Runnable::run);
      BotContext.settingRules(settings);
      references = BotContext.references(settings, org.influencebot.core.reference.References.none());
    } catch (ConfigException e) {
      err.println("The configuration has problems:");
      e.getMessage().lines().forEach(l -> err.println("  - " + l));
      return 2;
    }
    out.println("Configuration is valid. Effective settings:");
    settings.describe().forEach(l -> out.println("  " + l));
    out.println();
    out.println("Yardsticks (what each network's audiences are measured against):");
    org.influencebot.core.reference.YardstickReport.lines(references.list(),
        org.influencebot.core.quantify.Yardsticks.LABELED_NETWORKS, java.time.Instant.now()).forEach(l -> out.println("  " + l));
    boolean discord = settings.optional("discord.token").isPresent();
    boolean telegram = settings.optional("telegram.token").isPresent();
    out.println();
    out.println("Would run: " + (discord || telegram
        ? (discord ? "the Discord bot" : "") + (discord && telegram ? " and " : "") + (telegram ? "the Telegram bot" : "")
        : "the console (no Discord or Telegram token is set)")
        + ", with metrics from " + settings.string("source.default") + ".");
    return 0;
  }
}
