package org.influencebot.store;

import java.util.Objects;

/**
 * Where settings apply: a Discord server (guild id) or a Telegram chat (chat id).
 *
 * @param platform the platform the id belongs to
 * @param id the server or chat id as the platform gives it, in text
 */
public record Scope(Platform platform, String id) {
  public Scope {
    Objects.requireNonNull(platform, "platform");
    id = StoredText.require(id, "scope id", 64);
  }

  public static Scope discordServer(String guildId) {
    return new Scope(Platform.DISCORD, guildId);
  }

  public static Scope telegramChat(String chatId) {
    return new Scope(Platform.TELEGRAM, chatId);
  }
}
