package org.influencebot.discord;

/**
 * Makes plain text safe to show in Discord markdown: markdown characters are escaped, so a display
 * name cannot restyle or hide the reply, and every {@code @} is followed by a zero-width joiner, so
 * that {@code @everyone}, {@code <@123>} or {@code <@&123>} never form a mention, whatever the
 * allowed mentions say. Also cuts text to a limit cleanly, with "…".
 */
final class DiscordText {
  static final String ELLIPSIS = "…";
  private static final char ZWJ = '\u200D';

  private DiscordText() {}

  /** {@code text} escaped for markdown and with mentions neutralized. */
  static String safe(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '*', '_', '~', '`', '|', '[', ']', '<', '>' -> out.append('\\').append(c);
        case '#', '-' -> {
          if (lineStart) {
            out.append('\\');
          }
          out.append(c);
        }
        case '@' -> out.append('@').append(ZWJ);
        default -> out.append(c);
      }
      lineStart = c == '\n' || (lineStart && c == ' ');
    }
    return out.toString();
  }

  /** Mentions neutralized but no markdown escaping: for button labels and autocomplete, shown as typed. */
  static String unmentionable(String text) {
    return text.replace("@", "@" + ZWJ);
  }

  /**
   * {@code text} cut to at most {@code max} characters, ending in "…" when cut, never splitting a
   * surrogate pair or leaving a lone escaping backslash.
   */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    if (max <= 0) {
      return "";
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    // A backslash escapes the next character: do not end on an odd run of them.
    int run = 0;
    while (end - run - 1 >= 0 && text.charAt(end - run - 1) == '\\') {
      run++;
    }
    if (run % 2 == 1) {
      end--;
    }
    // A zero-width joiner belongs to the @ before it; keep the pair whole rather than ending on a bare @.
    if (end > 0 && text.charAt(end - 1) == '@' && end < text.length() && text.charAt(end) == ZWJ) {
      end--;
    }
    return text.substring(0, Math.max(0, end)) + ELLIPSIS;
  }
}
