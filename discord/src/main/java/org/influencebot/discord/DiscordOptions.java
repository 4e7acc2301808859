package org.influencebot.discord;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the Discord adapter connects: everything comes in through here, so the launcher decides where
 * settings are read from.
 *
 * @param token the bot token (never logged; {@link #toString()} hides it)
 * @param restBaseUrl Discord's REST base URL, such as {@code https://discord.com/api/v10/}; empty for
 *     JDA's default. A test or a proxy sets its own.
 * @param gatewayUrl the gateway URL, such as {@code wss://gateway.discord.gg/}; empty for JDA's default.
 *     A custom gateway is spoken to without compression.
 * @param devGuildId a development server: commands are registered there (they show at once) instead
 *     of globally
 * @param shardTotal how many shards the whole bot has (1 unless it is in over about 2,500 servers)
 * @param firstShard the first shard this process runs, from 0
 * @param lastShard the last shard this process runs, at most {@code shardTotal - 1}
 * @param ownerId the Discord user id of the bot's owner, if known
 * @param memberAudit whether moderators may audit their server's members ({@code discord.member_audit}): the bot
 *     then asks for the privileged Server Members intent, and for guild messages (counted, never read)
 */
public record DiscordOptions(String token, Optional<String> restBaseUrl, Optional<String> gatewayUrl,
    OptionalLong devGuildId, int shardTotal, int firstShard, int lastShard, Optional<String> ownerId,
    boolean memberAudit) {

  public DiscordOptions {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(restBaseUrl, "restBaseUrl");
    Objects.requireNonNull(gatewayUrl, "gatewayUrl");
    Objects.requireNonNull(devGuildId, "devGuildId");
    Objects.requireNonNull(ownerId, "ownerId");
    if (token.isBlank()) {
      throw new IllegalArgumentException("The Discord token is empty: set it to the bot token from the Discord "
          + "Developer Portal (your application, then Bot, then Reset Token).");
    }
    if (shardTotal < 1) {
      throw new IllegalArgumentException("The shard total must be at least 1, not " + shardTotal + ".");
    }
    if (firstShard < 0 || lastShard < firstShard || lastShard >= shardTotal) {
      throw new IllegalArgumentException("The shard range " + firstShard + ".." + lastShard
          + " must lie within 0.." + (shardTotal - 1) + " (the shard total is " + shardTotal + ").");
    }
  }

  /** Without member audits (no privileged intent). */
  public DiscordOptions(String token, Optional<String> restBaseUrl, Optional<String> gatewayUrl,
      OptionalLong devGuildId, int shardTotal, int firstShard, int lastShard, Optional<String> ownerId) {
    this(token, restBaseUrl, gatewayUrl, devGuildId, shardTotal, firstShard, lastShard, ownerId, false);
  }

  /** One process, one shard, Discord's own servers, commands registered globally. */
  public static DiscordOptions of(String token) {
    return new DiscordOptions(token, Optional.empty(), Optional.empty(), OptionalLong.empty(), 1, 0, 0,
        Optional.empty());
  }

  /** With or without member audits ({@code discord.member_audit}). */
  public DiscordOptions withMemberAudit(boolean on) {
    return new DiscordOptions(token, restBaseUrl, gatewayUrl, devGuildId, shardTotal, firstShard, lastShard, ownerId,
        on);
  }

  public DiscordOptions withEndpoints(String restBaseUrl, String gatewayUrl) {
    return new DiscordOptions(token, Optional.of(restBaseUrl), Optional.of(gatewayUrl), devGuildId, shardTotal,
        firstShard, lastShard, ownerId, memberAudit);
  }

  public DiscordOptions withDevGuild(long guildId) {
    return new DiscordOptions(token, restBaseUrl, gatewayUrl, OptionalLong.of(guildId), shardTotal, firstShard,
        lastShard, ownerId, memberAudit);
  }

  public DiscordOptions withShards(int total, int first, int last) {
    return new DiscordOptions(token, restBaseUrl, gatewayUrl, devGuildId, total, first, last, ownerId, memberAudit);
  }

  @Override
  public String toString() {
    return "DiscordOptions[token=(hidden), restBaseUrl=" + restBaseUrl.orElse("(default)") + ", gatewayUrl="
        + gatewayUrl.orElse("(default)") + ", devGuildId=" + (devGuildId.isPresent() ? devGuildId.getAsLong() : "(none)")
        + ", shards=" + firstShard + ".." + lastShard + " of " + shardTotal + ", ownerId=" + ownerId.orElse("(none)") + ", memberAudit=" + memberAudit + "]";
  }
}
