package org.influencebot.core.members;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.command.Requester;
import org.influencebot.core.text.Text;

/**
 * Where a platform's member audit gets its members: Discord reads the whole server from the gateway's member
 * chunks, Telegram the joins the bot saw ({@link MemberLog}). Each adapter gives the runner its own.
 */
public interface MemberRoster {
  /**
   * The members of the asker's community. Completes exceptionally with {@link Unavailable} when the platform
   * cannot list them (with the sentence saying what to do); never blocks the calling thread.
   */
  CompletableFuture<Roster> roster(Requester requester);

  /** How the members were read: the reply says it. */
  enum Kind {
    /** Every member, from the platform (Discord's member chunks). */
    ALL_MEMBERS,
    /** Only the members the bot saw join or take part since it started watching (Telegram). */
    JOINS_SEEN,
    /** A members file (the console and the command line). */
    FILE
  }

  /**
   * A community's members as read.
   *
   * @param members the members, ids only (never names)
   * @param count how many members the platform says the community has, when it says (Telegram's
   *     {@code getChatMemberCount}); may exceed the members read
   * @param watchingSince since when the bot has watched the joins, when the members are only those it saw
   * @param kind how they were read
   */
  record Roster(List<Member> members, OptionalInt count, Optional<Instant> watchingSince, Kind kind) {
    public Roster {
      members = List.copyOf(members);
    }
  }

  /** The platform cannot list the members now: the sentence says why and what a moderator can do. */
  final class Unavailable extends RuntimeException {
    private final transient Text reason;

    public Unavailable(Text reason) {
      super(reason.key(), null, false, false);
      this.reason = reason;
    }

    public Text reason() {
      return reason;
    }
  }
}
