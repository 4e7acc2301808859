package org.influencebot.core.reply;

import java.util.Optional;

/**
 * An account's display name as replies show it. The name comes from the account itself, so it may hold
 * anything: control characters (terminal escapes, line breaks), invisible format characters (bidi
 * overrides that reverse the rest of the line, zero-width characters), piles of combining marks, and up
 * to {@link org.influencebot.core.account.AccountJson#MAX_TEXT} characters. Markup and mentions are
 * left alone: each adapter escapes them for its platform.
 */
final class ShownName {
  /** Most characters (code points, marks included) shown of a display name, ellipsis included. */
  static final int MAX_CODE_POINTS = 64;
  private static final int MAX_MARKS_PER_CHARACTER = 2;
  private static final String ELLIPSIS = "…";

  private ShownName() {}

  /** The name cleaned and cut to {@link #MAX_CODE_POINTS}; empty if nothing visible is left. */
  static Optional<String> of(String raw) {
    StringBuilder out = new StringBuilder();
    int codePoints = 0;
    int marks = 0;
    boolean space = false;
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
        space = out.length() > 0;
        continue;
      }
      if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED) {
        continue;
      }
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      if (mark && (out.length() == 0 || marks >= MAX_MARKS_PER_CHARACTER)) {
        continue;
      }
      int needed = (space ? 1 : 0) + 1;
      if (codePoints + needed > MAX_CODE_POINTS - 1) {
        return Optional.of(out.append(ELLIPSIS).toString());
      }
      if (space && !mark) {
        out.append(' ');
        codePoints++;
      }
      space = false;
      out.appendCodePoint(cp);
      codePoints++;
      marks = mark ? marks + 1 : 0;
    }
    return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
  }
}
