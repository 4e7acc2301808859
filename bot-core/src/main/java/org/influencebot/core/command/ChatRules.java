package org.influencebot.core.command;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the moderators of a chat or server chose (defaults filled in), as the runner applies them to
 * every command on every platform. The store's settings implement it.
 */
public interface ChatRules {
  /** The reply language, or empty to follow each user's own. */
  Optional<Locale> language();

  /** Whether lookups are answered for the asker alone. */
  boolean privateReplies();

  /** The channels or chats where the bot answers; empty means everywhere. */
  Set<String> answerChannels();

  /** How long one member waits between two lookups; zero means no wait. */
  Duration cooldown();

  /** The network of a handle typed without one. */
  String defaultNetwork();

  /** Whether this command (a {@link Command.Name#word()}) answers here. */
  boolean isEnabled(String command);

  default boolean answersIn(String channel) {
    return answerChannels().isEmpty() || answerChannels().contains(channel);
  }
}
