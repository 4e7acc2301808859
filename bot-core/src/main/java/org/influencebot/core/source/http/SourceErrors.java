package org.influencebot.core.source.http;

import java.time.Duration;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.SourceException.Kind;
import org.influencebot.core.text.Text;

/**
 * Builds the {@link SourceException}s of one source with their user-facing sentences (message keys
 * {@code source.*}). Details go to the operator's log only and never hold a header value.
 *
 * @param source the source's short name ({@code bluesky})
 * @param displayName how users read it in a sentence ({@code Bluesky})
 */
public record SourceErrors(String source, String displayName) {
  public SourceException unavailable(String detail, Throwable cause) {
    return new SourceException(source, Kind.UNAVAILABLE, Text.of("source.unavailable", displayName), detail, cause);
  }

  public SourceException timeout(String detail, Throwable cause) {
    return new SourceException(source, Kind.TIMEOUT, Text.of("source.timeout", displayName), detail, cause);
  }

  public SourceException rateLimited(Duration wait, String detail) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new SourceException(source, Kind.RATE_LIMITED, Text.of("source.rateLimited", displayName, seconds), detail);
  }

  public SourceException badResponse(String detail) {
    return new SourceException(source, Kind.BAD_RESPONSE, Text.of("source.badResponse", displayName), detail);
  }

  /** The bot will not connect to {@code host}: it is not on the public internet. */
  public SourceException refused(String host, String detail) {
    return new SourceException(source, Kind.REFUSED, Text.of("source.refused", host), detail);
  }

  public SourceException circuitOpen(Duration remaining) {
    long minutes = Math.max(1, (remaining.toSeconds() + 59) / 60);
    return new SourceException(source, Kind.CIRCUIT_OPEN, Text.of("source.circuitOpen", displayName, minutes),
        "circuit open for another " + remaining.toSeconds() + " s after repeated failures");
  }
}
