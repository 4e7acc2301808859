package org.influencebot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A member's own handle, so that {@code /influence} with no argument means "mine".
 *
 * @param member who linked it
 * @param handle the handle as the member typed it ({@code @alice.bsky.social}, {@code mastodon:bob@x.y})
 * @param linkedAt when it was linked
 */
public record LinkedHandle(Member member, String handle, Instant linkedAt) {
  public LinkedHandle {
    Objects.requireNonNull(member, "member");
    handle = StoredText.require(handle, "handle", 256);
    Objects.requireNonNull(linkedAt, "linkedAt");
  }
}
