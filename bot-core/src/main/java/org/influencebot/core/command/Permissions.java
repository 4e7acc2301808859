package org.influencebot.core.command;

import java.util.concurrent.CompletableFuture;

/**
 * What the asker may do where they ask, as their platform says: each adapter answers from its own
 * notion (Discord's Manage Server, a Telegram group's administrators, whoever sits at the console).
 */
public interface Permissions {
  /** Whether the asker may change this chat's or server's settings and remove members' links. */
  CompletableFuture<Boolean> moderator();

  /** Whether the asker is the bot's owner (the operator named in the configuration). */
  boolean owner();

  /** Neither moderator nor owner. */
  static Permissions member() {
    return of(false, false);
  }

  static Permissions of(boolean moderator, boolean owner) {
    return new Permissions() {
      @Override
      public CompletableFuture<Boolean> moderator() {
        return CompletableFuture.completedFuture(moderator);
      }

      @Override
      public boolean owner() {
        return owner;
      }
    };
  }
}
