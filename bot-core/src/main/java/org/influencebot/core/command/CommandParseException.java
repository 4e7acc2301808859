package org.influencebot.core.command;

import org.influencebot.core.text.Text;

/** A line that is not a command the bot knows, with the sentence telling the user what to type. */
public final class CommandParseException extends Exception {
  private final transient Text reason;

  public CommandParseException(Text reason) {
    super(reason.key(), null, false, false);
    this.reason = reason;
  }

  public Text reason() {
    return reason;
  }
}
