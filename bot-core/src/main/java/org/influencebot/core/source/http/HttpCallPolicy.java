package org.influencebot.core.source.http;

import java.time.Duration;
import java.util.Objects;
import org.influencebot.core.source.resilience.RetryPolicy;

/**
 * How one source talks HTTP: its retries, the largest body it reads, and when its circuit breaker opens.
 *
 * @param retry retries of 5xx, 429 and connection failures
 * @param maxBodyBytes a longer body is refused as a bad response (never read whole into memory)
 * @param breakerFailures failed requests in a row (after their retries) that open the breaker
 * @param breakerOpen how long an open breaker refuses calls
 */
public record HttpCallPolicy(RetryPolicy retry, int maxBodyBytes, int breakerFailures, Duration breakerOpen) {
  public HttpCallPolicy {
    Objects.requireNonNull(retry);
    Objects.requireNonNull(breakerOpen);
    if (maxBodyBytes < 1 || breakerFailures < 1) {
      throw new IllegalArgumentException("maxBodyBytes and breakerFailures must be positive");
    }
  }

  /** Default retries, 2 MiB bodies, breaker open for 2 minutes after 3 failed requests in a row. */
  public static HttpCallPolicy defaults() {
    return new HttpCallPolicy(RetryPolicy.defaults(), 2 * 1024 * 1024, 3, Duration.ofMinutes(2));
  }
}
