package org.influencebot.core.source.resilience;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * How often and how long a failed request is tried again: exponential backoff with "equal jitter"
 * (half the delay fixed, half random), a server's own wait hint taking precedence, bounded both in
 * attempts and in the total time spent waiting.
 *
 * @param maxAttempts attempts in all, the first included (1 = never retry)
 * @param baseDelay delay before the second attempt, before jitter
 * @param maxDelay cap of one computed backoff delay
 * @param maxTotalWait cap of all waits of one request together; a server asking for a longer wait makes
 *     the request fail at once instead (rate-limited), so that no user waits minutes for a reply
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotalWait) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(baseDelay);
    Objects.requireNonNull(maxDelay);
    Objects.requireNonNull(maxTotalWait);
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxTotalWait.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** 3 attempts, 500 ms then about 1 s, at most 5 s of waiting in all. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));
  }

  public static RetryPolicy never() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait before attempt {@code failedAttempts + 1}.
   *
   * @param failedAttempts attempts made so far (1 after the first failure)
   * @param serverHint what the server asked for (Retry-After, X-RateLimit-Reset), if anything
   */
  public Duration delay(int failedAttempts, Optional<Duration> serverHint, Random random) {
    long base = baseDelay.toMillis();
    int shift = Math.min(30, Math.max(0, failedAttempts - 1));
    long exp = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
    long capped = Math.min(exp, maxDelay.toMillis());
    long half = capped / 2;
    long jittered = half + (half > 0 ? (long) (random.nextDouble() * (capped - half + 1)) : 0);
    jittered = Math.min(jittered, capped);
    Duration backoff = Duration.ofMillis(jittered);
    if (serverHint.isPresent() && serverHint.get().compareTo(backoff) > 0) {
      return serverHint.get();
    }
    return backoff;
  }
}
