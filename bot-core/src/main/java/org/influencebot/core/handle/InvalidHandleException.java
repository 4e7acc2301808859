package org.influencebot.core.handle;

import org.influencebot.core.text.Text;

/** Input that is not a handle; {@link #reason()} says why and shows valid examples. */
public final class InvalidHandleException extends Exception {
  private final transient Text reason;

  public InvalidHandleException(Text reason) {
    super(reason.key());
    this.reason = reason;
  }

  public Text reason() {
    return reason;
  }
}
