package org.influencebot.core.text;

import java.util.regex.Pattern;

/**
 * Hides the credentials a URL may carry ({@code user:password@}, {@code ?password=…}, {@code ?token=…})
 * before the URL is shown to anyone (the debug report, {@code check-config}, logs); the rest stays
 * readable. The one place that knows how.
 */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@?#\\s]+@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;](?:password|pass|pwd|passwd|user|username|secret|token|key|api_?key|access_token|sslpassword)=)"
          + "[^&;#\\s]*");

  private Redaction() {}

  /** {@code text} with the credentials of every URL in it replaced by {@code ***}. */
  public static String credentials(String text) {
    String out = USER_INFO.matcher(text).replaceAll("***@");
    return SECRET_PARAMETER.matcher(out).replaceAll("$1***");
  }
}
