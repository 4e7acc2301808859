package org.influencebot.core.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the moderators of one server or chat chose, with the defaults filled in for what they did not.
 *
 * @param language the reply language, or empty to follow each user's own locale
 * @param privateReplies whether replies are private (ephemeral on Discord, in a direct message on
 *     Telegram) unless the user asks otherwise
 * @param answerChannels the channel or chat ids where the bot answers; empty means everywhere
 * @param cooldown how long one user waits between two commands; zero means no wait
 * @param defaultNetwork the network of a handle typed without one ({@code @alice})
 * @param enabledCommands the commands that answer in this scope
 */
public record ScopeSettings(
    Optional<Locale> language,
    boolean privateReplies,
    Set<String> answerChannels,
    Duration cooldown,
    String defaultNetwork,
    Set<String> enabledCommands) implements org.influencebot.core.command.ChatRules {

  public ScopeSettings {
    Objects.requireNonNull(language, "language");
    answerChannels = Set.copyOf(answerChannels);
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown is negative: " + cooldown);
    }
    Objects.requireNonNull(defaultNetwork, "defaultNetwork");
    enabledCommands = Set.copyOf(enabledCommands);
  }

  /** Whether the bot answers in this channel or chat. */
  @Override
  public boolean answersIn(String channelId) {
    return answerChannels.isEmpty() || answerChannels.contains(channelId);
  }

  /** Whether this command answers here. */
  @Override
  public boolean isEnabled(String command) {
    return enabledCommands.contains(command);
  }

  ScopeSettings withLanguage(Optional<Locale> value) {
    return new ScopeSettings(value, privateReplies, answerChannels, cooldown, defaultNetwork, enabledCommands);
  }

  ScopeSettings withPrivateReplies(boolean value) {
    return new ScopeSettings(language, value, answerChannels, cooldown, defaultNetwork, enabledCommands);
  }

  ScopeSettings withAnswerChannels(Set<String> value) {
    return new ScopeSettings(language, privateReplies, value, cooldown, defaultNetwork, enabledCommands);
  }

  ScopeSettings withCooldown(Duration value) {
    return new ScopeSettings(language, privateReplies, answerChannels, value, defaultNetwork, enabledCommands);
  }

  ScopeSettings withDefaultNetwork(String value) {
    return new ScopeSettings(language, privateReplies, answerChannels, cooldown, value, enabledCommands);
  }


  ScopeSettings withEnabledCommands(Set<String> value) {
    return new ScopeSettings(language, privateReplies, answerChannels, cooldown, defaultNetwork, value);
  }
}
