package org.influencebot.store;

/**
 * The store cannot do its job: the database is missing, damaged, newer than this code, locked by
 * another process or unreachable. The message is one or two sentences for the operator that say what
 * is wrong and what to do; the bot stops rather than start with an empty store.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
