package org.influencebot.discord;

import java.util.Optional;

/**
 * Which social handle a Discord member linked to their account ({@code /influence-link}, to come).
 * The store behind it is wired by the launcher.
 */
@FunctionalInterface
public interface LinkedHandles {
  /** The handle linked by the Discord user {@code userId}, if any. */
  Optional<String> handleOf(String userId);

  /** No member has linked anything: every lookup by member explains how to link. */
  static LinkedHandles none() {
    return userId -> Optional.empty();
  }
}
