package org.influencebot.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One change made by a moderator.
 *
 * @param scope where the change applies
 * @param userId who made it
 * @param key the setting key, or {@code unlink:<userId>} when a moderator removed a member's link
 * @param oldValue the value in force before, in canonical text (a default shows as its value)
 * @param newValue the value in force after
 * @param changedAt when
 */
public record AuditEntry(Scope scope, String userId, String key, String oldValue, String newValue, Instant changedAt) {
  public AuditEntry {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(oldValue, "oldValue");
    Objects.requireNonNull(newValue, "newValue");
    Objects.requireNonNull(changedAt, "changedAt");
  }
}
