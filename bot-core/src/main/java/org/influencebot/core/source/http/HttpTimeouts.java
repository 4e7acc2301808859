package org.influencebot.core.source.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of the shared HTTP client: to open a connection, between two reads, and for a whole call
 * (OkHttp's {@code callTimeout}). Sources replace the last with what is left of the lookup's deadline on
 * each call ({@link SourceHttp}); pass {@code source.timeout}.
 */
public record HttpTimeouts(Duration connect, Duration read, Duration call) {
  public HttpTimeouts {
    Objects.requireNonNull(connect);
    Objects.requireNonNull(read);
    Objects.requireNonNull(call);
  }

  /** 5 s to connect, 10 s between reads, 15 s for a whole call. */
  public static HttpTimeouts defaults() {
    return new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));
  }
}
