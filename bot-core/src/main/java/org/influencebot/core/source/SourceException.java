package org.influencebot.core.source;

import org.influencebot.core.text.Text;

/**
 * A source could not answer: down, too slow, rate-limited, or answering something unreadable.
 * {@link #userMessage()} is the sentence a user sees; {@link #getMessage()} is for the operator's log
 * and never holds a secret.
 */
public class SourceException extends RuntimeException {
  /** Why the source failed, so that a reply and a retry policy can tell them apart. */
  public enum Kind {
    UNAVAILABLE,
    TIMEOUT,
    RATE_LIMITED,
    BAD_RESPONSE,
    CIRCUIT_OPEN,
    PRIVATE,
    /** The bot refused to connect: the host resolves to a private, loopback or link-local address. */
    REFUSED
  }

  private final String source;
  private final Kind kind;
  private final transient Text userMessage;

  public SourceException(String source, Kind kind, Text userMessage, String detail, Throwable cause) {
    super(source + ": " + detail, cause);
    this.source = source;
    this.kind = kind;
    this.userMessage = userMessage;
  }

  public SourceException(String source, Kind kind, Text userMessage, String detail) {
    this(source, kind, userMessage, detail, null);
  }

  public String source() {
    return source;
  }

  public Kind kind() {
    return kind;
  }

  public Text userMessage() {
    return userMessage;
  }
}
