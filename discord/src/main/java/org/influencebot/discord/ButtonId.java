package org.influencebot.discord;

import java.util.Optional;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.reply.Reply;

/**
 * What a summary's button does, written into its custom id ({@code ib:<action><focus>:<handle>}, at
 * most 100 characters): the bot keeps no state per message. A custom id read back is parsed again
 * as a handle, so a forged one can only name a valid handle.
 */
record ButtonId(Action action, Reply.Focus focus, Handle handle) {
  /** Discord's limit on a component's custom id. */
  static final int MAX_LENGTH = 100;
  private static final String PREFIX = "ib:";

  enum Action {
    DETAILS('d'),
    REFRESH('r');

    private final char code;

    Action(char code) {
      this.code = code;
    }
  }

  /** The custom id, or empty when the handle is too long to fit (the message then has no such button). */
  Optional<String> encode() {
    String id = PREFIX + action.code + (focus == Reply.Focus.INFLUENCE ? 'i' : 'a') + ":" + handle;
    return id.length() <= MAX_LENGTH ? Optional.of(id) : Optional.empty();
  }

  static Optional<ButtonId> decode(String customId) {
    if (customId == null || customId.length() > MAX_LENGTH || !customId.startsWith(PREFIX)
        || customId.length() < PREFIX.length() + 4 || customId.charAt(PREFIX.length() + 2) != ':') {
      return Optional.empty();
    }
    char a = customId.charAt(PREFIX.length());
    char f = customId.charAt(PREFIX.length() + 1);
    Action action = a == 'd' ? Action.DETAILS : a == 'r' ? Action.REFRESH : null;
    Reply.Focus focus = f == 'i' ? Reply.Focus.INFLUENCE : f == 'a' ? Reply.Focus.AUTHENTICITY : null;
    if (action == null || focus == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ButtonId(action, focus, HandleParser.parse(customId.substring(PREFIX.length() + 3))));
    } catch (InvalidHandleException e) {
      return Optional.empty();
    }
  }
}
