package org.influencebot.store;

import java.util.Optional;

/** Which handle each member says is theirs. A member has at most one linked handle. */
public interface LinkStore {

  /** Links a handle to a member, replacing the one linked before. */
  LinkedHandle link(Member member, String handle);

  /** The member's linked handle, if any. */
  Optional<LinkedHandle> linkOf(Member member);

  /** The member removes their own link; false when there was none. */
  boolean unlink(Member member);

  /**
   * A moderator removes a member's link (a handle that is not theirs, an insult); recorded in the
   * audit log of the scope. False when there was none.
   */
  boolean removeByModerator(Scope scope, String moderatorId, Member member);
}
