package org.influencebot.store;

/** Checks on text before it reaches a table: not blank, bounded, no control characters. */
final class StoredText {
  private StoredText() {}

  static String require(String text, String what, int maxLength) {
    if (text == null) {
      throw new IllegalArgumentException(what + " is missing");
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (trimmed.length() > maxLength) {
      throw new IllegalArgumentException(what + " is longer than " + maxLength + " characters");
    }
    if (trimmed.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " contains control characters");
    }
    return trimmed;
  }
}
