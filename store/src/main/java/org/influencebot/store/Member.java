package org.influencebot.store;

import java.util.Objects;

/**
 * A person on a chat platform.
 *
 * @param platform the platform of the user id
 * @param userId the platform's id of the user, in text
 */
public record Member(Platform platform, String userId) {
  public Member {
    Objects.requireNonNull(platform, "platform");
    userId = StoredText.require(userId, "user id", 64);
  }
}
