package org.influencebot.core.source;

import org.influencebot.core.handle.Handle;

/** The source answered, and it does not know this handle. */
public final class AccountNotFoundException extends RuntimeException {
  private final transient Handle handle;
  private final String source;

  public AccountNotFoundException(Handle handle, String source) {
    super("no account " + handle + " in source " + source, null, false, false);
    this.handle = handle;
    this.source = source;
  }

  public Handle handle() {
    return handle;
  }

  public String source() {
    return source;
  }
}
