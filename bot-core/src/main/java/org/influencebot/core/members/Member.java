package org.influencebot.core.members;

import java.time.Instant;
import java.util.Optional;

/**
 * One member of a Discord server or Telegram group, as a platform shows it or a members file holds it: an id
 * and what the audit reads, each possibly unknown. Never a name: the audit has no use for one, so none is kept.
 *
 * @param id the platform's member id (opaque)
 * @param joinedAt when the member joined the community
 * @param createdAt when the member's account was created (Discord and Telegram ids both grow with time)
 * @param hasAvatar whether the account has its own picture (false: the platform's default)
 * @param bot whether the platform flags the account as a bot
 * @param lastActiveAt when the member was last seen active (a message, a reaction: counted, never read)
 * @param pending whether membership screening is still pending (Discord's rules screen)
 */
public record Member(
    String id,
    Optional<Instant> joinedAt,
    Optional<Instant> createdAt,
    Optional<Boolean> hasAvatar,
    Optional<Boolean> bot,
    Optional<Instant> lastActiveAt,
    Optional<Boolean> pending) {

  public Member {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a member needs an id");
    }
    joinedAt = joinedAt == null ? Optional.empty() : joinedAt;
    createdAt = createdAt == null ? Optional.empty() : createdAt;
    hasAvatar = hasAvatar == null ? Optional.empty() : hasAvatar;
    bot = bot == null ? Optional.empty() : bot;
    lastActiveAt = lastActiveAt == null ? Optional.empty() : lastActiveAt;
    pending = pending == null ? Optional.empty() : pending;
  }

  /** A member with the six fields of the members file (screening unknown). */
  public Member(String id, Instant joinedAt, Instant createdAt, Boolean hasAvatar, Boolean bot, Instant lastActiveAt) {
    this(id, Optional.ofNullable(joinedAt), Optional.ofNullable(createdAt), Optional.ofNullable(hasAvatar),
        Optional.ofNullable(bot), Optional.ofNullable(lastActiveAt), Optional.empty());
  }

  /**
   * Whether the member was seen active after joining: empty when the last activity is unknown (then
   * {@link MemberAuditor} counts it as not seen active when the community's activity is tracked at all).
   */
  public Optional<Boolean> activeSinceJoining() {
    if (lastActiveAt.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(joinedAt.isEmpty() || lastActiveAt.get().isAfter(joinedAt.get()));
  }
}
