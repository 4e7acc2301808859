package org.influencebot.core.command;

import java.util.Objects;
import java.util.Optional;

/**
 * Who asks, and where: given by the adapter, read by the core.
 *
 * @param platform {@code discord}, {@code telegram} or {@code console}
 * @param userId the platform's id of the asker
 * @param chat the chat or server whose settings apply, by its platform id; empty where there are
 *     none (a Discord direct message)
 * @param channel where in that chat the command was typed (a Discord channel; a Telegram chat is its own)
 * @param privateChat whether only the asker and the bot see the answer (a direct message, the console)
 * @param permissions what the asker may do there
 */
public record Requester(String platform, String userId, Optional<String> chat, String channel, boolean privateChat,
    Permissions permissions) {
  public Requester {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(permissions, "permissions");
  }

  /** The asker as the limits know them: {@code discord:123}. */
  public String user() {
    return platform + ":" + userId;
  }

  /** The chat or server as the limits know it; a direct message counts as the asker's own. */
  public String scope() {
    return platform + ":" + chat.orElse("dm:" + userId);
  }

  /** Whoever sits at the console: its owner and moderator, in private. */
  public static Requester console() {
    return new Requester("console", "local", Optional.of("local"), "local", true, Permissions.of(true, true));
  }

  /** A member in a chat or server, not a moderator (tests and the command line). */
  public static Requester member(String platform, String userId, String chat) {
    return new Requester(platform, userId, Optional.of(chat), chat, false, Permissions.member());
  }
}
