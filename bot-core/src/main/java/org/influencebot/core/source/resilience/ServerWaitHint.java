package org.influencebot.core.source.resilience;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how long a server asks a client to wait: {@code Retry-After} (seconds or an HTTP date) and the
 * reset of its rate-limit window, {@code RateLimit-Reset} (Bluesky: epoch seconds) or
 * {@code X-RateLimit-Reset} (Mastodon: an ISO 8601 time; other APIs send seconds to wait). The longest
 * of the readable hints wins; unreadable ones are ignored, never an error. Only a 429, or an answer
 * saying no request is left, means the reset is a wait: see {@link ServerRateLimits}.
 */
public final class ServerWaitHint {
  /** A hint beyond a day is nonsense or hostile; it is capped here and then refused by the retry budget. */
  static final Duration MAX = Duration.ofDays(1);
  /** Numbers above this in X-RateLimit-Reset are epoch seconds, below it seconds to wait. */
  private static final long EPOCH_THRESHOLD = 1_000_000_000L;

  private ServerWaitHint() {}

  public static Optional<Duration> from(Function<String, String> header, Instant now) {
    Optional<Duration> retryAfter = retryAfter(header.apply("Retry-After"), now);
    String resetHeader = header.apply("RateLimit-Reset");
    Optional<Duration> reset = rateLimitReset(resetHeader != null ? resetHeader : header.apply("X-RateLimit-Reset"), now);
    if (retryAfter.isPresent() && reset.isPresent()) {
      return Optional.of(retryAfter.get().compareTo(reset.get()) >= 0 ? retryAfter.get() : reset.get());
    }
    return retryAfter.isPresent() ? retryAfter : reset;
  }

  public static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{1,12}")) {
      return Optional.of(cap(Duration.ofSeconds(Long.parseLong(v))));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(until(now, at));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Duration> rateLimitReset(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.strip();
    if (v.matches("\\d{1,15}(\\.\\d{1,9})?")) {
      double n = Double.parseDouble(v);
      if (n >= EPOCH_THRESHOLD) {
        return Optional.of(until(now, Instant.ofEpochMilli((long) (n * 1000))));
      }
      return Optional.of(cap(Duration.ofMillis((long) (n * 1000))));
    }
    try {
      return Optional.of(until(now, OffsetDateTime.parse(v).toInstant()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Duration until(Instant now, Instant at) {
    Duration d = Duration.between(now, at);
    return d.isNegative() ? Duration.ZERO : cap(d);
  }

  private static Duration cap(Duration d) {
    return d.compareTo(MAX) > 0 ? MAX : d;
  }
}
