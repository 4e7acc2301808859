package org.influencebot.core;

import java.util.List;
import org.influencebot.core.text.Messages;

/** Checks shared by the hostile-input tests: what a user may be shown. */
public final class HostileInput {
  public static final List<Messages> LANGUAGES = List.of(Messages.english(), Messages.forTag("fr"));

  private HostileInput() {}

  /**
   * Fails if {@code text} holds a control character other than a line break, or an invisible format
   * character (bidi marks and overrides, zero-width characters): those come only from input and can
   * reorder or hide what the user reads. Also fails on half of a surrogate pair (a cut emoji).
   */
  public static void assertNoInvisibleCharacters(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean control = Character.isISOControl(cp) && cp != '\n';
      boolean format = Character.getType(cp) == Character.FORMAT;
      // codePointAt returns a lone surrogate as itself: half an emoji, which platforms reject or mangle.
      boolean halfPair = Character.getType(cp) == Character.SURROGATE;
      if (control || format || halfPair) {
        throw new AssertionError(String.format("U+%04X at %d in: %s", cp, i, escape(text)));
      }
      i += Character.charCount(cp);
    }
  }

  /** {@code text} with every non-printable-ASCII character as {@code \\uXXXX}, for failure messages. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder();
    String shown = text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " chars)" : text;
    for (char c : shown.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
