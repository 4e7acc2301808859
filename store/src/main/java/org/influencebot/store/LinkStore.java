package org.influencebot.store;

import java.util.Optional;

/** Which handle each member says is theirs. A member has at most one linked handle. */
public interface LinkStore {

  /** Links a handle to a member, replacing the one linked before. */
  LinkedHandle link(Member member, String handle);

  /** The member's linked handle, if any. */
  Optional<LinkedHandle> linkOf(Member member);

  /**
   * The member's linked handle as {@code scope} sees it: none when a moderator removed it there after it
   * was linked (a link made after the removal is seen again).
   */
  Optional<LinkedHandle> linkIn(Scope scope, Member member);

  /** The member removes their own link; false when there was none. */
  boolean unlink(Member member);

  /**
   * A moderator removes a member's link (a handle that is not theirs, an insult) from their scope only:
   * links are the member's across the platform, and a moderator of one server (which anyone can create)
   * has no say in the others. The link is no longer used in {@code scope} and stays everywhere else. The
   * removal is the entry it writes in the audit log of the scope. False when the scope saw no link.
   */
  boolean removeByModerator(Scope scope, String moderatorId, Member member);
}
