package org.influencebot.core.source.mastodon;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} target of an RFC 8288 {@code Link} header, as Mastodon pages lists. */
final class LinkHeader {
  private static final int MAX_LENGTH = 8192;
  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
  private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";,]*)\"?");

  private LinkHeader() {}

  static Optional<String> next(String header) {
    if (header == null || header.isBlank() || header.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = LINK.matcher(header);
    while (m.find()) {
      Matcher rel = REL_NEXT.matcher(m.group(2));
      while (rel.find()) {
        for (String r : rel.group(1).trim().toLowerCase(Locale.ROOT).split("\\s+")) {
          if (r.equals("next")) {
            return Optional.of(m.group(1).trim());
          }
        }
      }
    }
    return Optional.empty();
  }
}
