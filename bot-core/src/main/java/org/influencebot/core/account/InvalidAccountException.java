package org.influencebot.core.account;

/** Account JSON that does not follow the spec; the message names the field and what was wrong. */
public final class InvalidAccountException extends Exception {
  private final String field;

  public InvalidAccountException(String field, String problem) {
    super(field.isEmpty() ? problem : "'" + field + "': " + problem);
    this.field = field;
  }

  /** The JSON path of the offending value, such as {@code follower_sample[3].followers}; empty for the whole document. */
  public String field() {
    return field;
  }
}
