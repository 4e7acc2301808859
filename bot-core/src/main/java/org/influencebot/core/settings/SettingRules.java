package org.influencebot.core.settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.influencebot.core.command.Command;

/**
 * What a setting may hold: the known networks and commands, the longest cooldown, and the
 * settings of a scope whose moderators changed nothing. The application builds one from its own
 * command list and configuration; {@link #standard()} matches the networks of bot-core.
 */
public record SettingRules(
    Set<String> networks, Set<String> commands, Duration maxCooldown, ScopeSettings defaults) {

  public SettingRules {
    networks = Set.copyOf(networks);
    commands = Set.copyOf(commands);
    Objects.requireNonNull(maxCooldown, "maxCooldown");
    Objects.requireNonNull(defaults, "defaults");
    if (networks.isEmpty() || commands.isEmpty()) {
      throw new IllegalArgumentException("networks and commands must each name at least one");
    }
    if (!networks.contains(defaults.defaultNetwork())) {
      throw new IllegalArgumentException("default network " + defaults.defaultNetwork() + " is not among " + networks);
    }
    if (!commands.containsAll(defaults.enabledCommands())) {
      throw new IllegalArgumentException("default commands " + defaults.enabledCommands() + " are not all among " + commands);
    }
    if (defaults.cooldown().compareTo(maxCooldown) > 0) {
      throw new IllegalArgumentException("default cooldown is longer than the longest allowed, " + maxCooldown);
    }
  }

  /**
   * The networks of bot-core's handle parser and the commands a moderator can switch off
   * (help and settings always stay on).
   */
  public static SettingRules standard() {
    return standard("sample");
  }

  /** The standard rules, with the operator's configured default network as every scope's default. */
  public static SettingRules standard(String defaultNetwork) {
    Set<String> commands = Set.copyOf(Command.Name.switchableWords());
    return new SettingRules(
        Set.copyOf(org.influencebot.core.handle.Handle.DEFAULT_NETWORKS),
        commands,
        Duration.ofHours(1),
        new ScopeSettings(Optional.empty(), false, Set.of(), Duration.ofSeconds(5), defaultNetwork,
            commands));
  }
}
