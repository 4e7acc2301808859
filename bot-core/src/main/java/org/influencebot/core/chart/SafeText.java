package org.influencebot.core.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.analysis.Summary;

/**
 * Cleans user-controlled text (handles, display names) before it is drawn: drops invisible format
 * characters (bidi marks and overrides, zero-width joiners), control characters and anything the chart
 * font cannot draw (emoji on a bare JDK), keeps at most two combining marks per character, collapses
 * spaces, and truncates to a number of characters with an ellipsis. Never splits a surrogate pair.
 */
final class SafeText {
  static final String ELLIPSIS = "…";
  private static final int MAX_MARKS_PER_CHAR = 2;

  private SafeText() {}

  /** {@code text} made safe to draw with {@code font}, at most {@code max} characters with the ellipsis; may be empty. */
  static String clean(String text, Font font, int max) {
    if (text == null || text.isEmpty() || max <= 0) {
      return "";
    }
    // Each unit is one visible character with its (capped) combining marks, or one space.
    List<String> units = new ArrayList<>();
    StringBuilder unit = null;
    int marks = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
        pendingSpace = !units.isEmpty() || unit != null;
        continue;
      }
      if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
          || type == Character.UNASSIGNED || !font.canDisplay(cp)) {
        continue;
      }
      boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      if (mark) {
        if (unit != null && marks < MAX_MARKS_PER_CHAR) {
          unit.appendCodePoint(cp);
          marks++;
        }
        continue;
      }
      if (unit != null) {
        units.add(unit.toString());
      }
      if (pendingSpace) {
        units.add(" ");
        pendingSpace = false;
      }
      unit = new StringBuilder().appendCodePoint(cp);
      marks = 0;
    }
    if (unit != null) {
      units.add(unit.toString());
    }
    StringBuilder out = new StringBuilder();
    if (units.size() <= max) {
      units.forEach(out::append);
      return out.toString();
    }
    int keep = max - 1;
    while (keep > 0 && units.get(keep - 1).equals(" ")) {
      keep--;
    }
    units.subList(0, keep).forEach(out::append);
    return out.append(ELLIPSIS).toString();
  }

  /**
   * {@link #clean} cut further, if need be, so that it is at most {@code maxWidth} pixels wide in
   * {@code font} (as the charts draw text: antialiased, integer metrics). Deterministic.
   */
  static String fit(String text, Font font, int maxChars, double maxWidth) {
    for (int n = maxChars; n > 1; n--) {
      String candidate = clean(text, font, n);
      if (width(candidate, font) <= maxWidth) {
        return candidate;
      }
    }
    return clean(text, font, 1);
  }

  static double width(String text, Font font) {
    return font.getStringBounds(text, FRC).getWidth();
  }

  private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

  /** The account's handle as drawn in {@code font}: cleaned, at most {@code maxWidth} pixels, never empty. */
  static String handle(Summary s, Font font, int maxChars, double maxWidth) {
    String h = fit(s.handle().display(), font, maxChars, maxWidth);
    return h.isEmpty() ? "@?" : h;
  }

  /** The account's display name as drawn, if it has something drawable in it. */
  static Optional<String> name(Summary s, Font font, int maxChars, double maxWidth) {
    return s.displayName().map(n -> fit(n, font, maxChars, maxWidth)).filter(n -> !n.isEmpty());
  }

  /** {@code handle · name}, or the handle alone, on one line of at most {@code maxWidth} pixels in {@code font}. */
  static String account(Summary s, Font font, double maxWidth) {
    boolean named = s.displayName().isPresent();
    String h = handle(s, font, ChartStyle.MAX_HANDLE, named ? maxWidth * 0.55 : maxWidth);
    String separator = " · ";
    double left = maxWidth - width(h + separator, font);
    return name(s, font, ChartStyle.MAX_NAME, left).map(n -> h + separator + n).orElse(h);
  }
}
