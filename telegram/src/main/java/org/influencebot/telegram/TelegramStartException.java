package org.influencebot.telegram;

/** The bot cannot start or must stop; the message is a sentence for the operator, without the token. */
public final class TelegramStartException extends RuntimeException {
  public TelegramStartException(String message) {
    super(message, null, false, false);
  }
}
