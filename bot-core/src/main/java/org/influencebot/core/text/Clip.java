package org.influencebot.core.text;

/** Cuts text to a length for a platform's limit or a log line: the one place that knows how. */
public final class Clip {
  public static final String ELLIPSIS = "…";

  private Clip() {}

  /**
   * {@code text} cut to at most {@code max} characters (the ellipsis included), ending in "…" when cut,
   * never splitting a surrogate pair (half an emoji is not text).
   */
  public static String clip(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    if (max <= ELLIPSIS.length()) {
      return max <= 0 ? "" : ELLIPSIS.substring(0, max);
    }
    int end = max - ELLIPSIS.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** The first line of {@code text}, clipped: for quoting what someone typed or a server answered. */
  public static String firstLine(String text, int max) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return clip(nl >= 0 ? text.substring(0, nl) : text, max);
  }
}
