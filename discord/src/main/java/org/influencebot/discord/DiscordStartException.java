package org.influencebot.discord;

/** The bot could not connect to Discord; the message says why and what to do, and never holds the token. */
public final class DiscordStartException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DiscordStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
