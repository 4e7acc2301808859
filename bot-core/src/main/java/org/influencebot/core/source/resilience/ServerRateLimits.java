package org.influencebot.core.source.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What each server said about its own rate limit, shared by every lookup that asks that server.
 * Read from Bluesky's unprefixed {@code RateLimit-Limit/Remaining/Reset} or Mastodon's
 * {@code X-RateLimit-*}, and from {@code Retry-After} on a 429. Before each request the bot takes one
 * from the remaining count; when none is left it does not send the request and says how long until
 * the server's window resets. Servers that send no such headers are never held back here.
 */
public final class ServerRateLimits {
  /** Servers remembered at once (Mastodon lookups may name any instance). */
  static final int MAX_SERVERS = 1024;

  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  public ServerRateLimits(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  /** One server's window as last told: requests left (unknown = not limited) until {@code reset}. */
  private static final class Window {
    long remaining = -1; // -1: unknown
    Instant reset = Instant.MIN;
  }

  /**
   * Takes one request from {@code server}'s remaining count. Empty means send it; a duration means none
   * is left, and is the wait until the server's window resets.
   */
  public Optional<Duration> reserve(String server) {
    Window w = windows.get(server);
    if (w == null) {
      return Optional.empty();
    }
    synchronized (w) {
      Instant now = clock.instant();
      if (!now.isBefore(w.reset)) {
        w.remaining = -1; // a new window: the next answer tells its count
        return Optional.empty();
      }
      if (w.remaining < 0) {
        return Optional.empty();
      }
      if (w.remaining == 0) {
        return Optional.of(Duration.between(now, w.reset));
      }
      w.remaining--;
      return Optional.empty();
    }
  }

  /**
   * Learns from one answer of {@code server}. A 429 empties the window until the later of
   * {@code Retry-After} and the reset header (or {@code fallback} from now when it sends neither).
   */
  public void observe(String server, int code, Function<String, String> header, Duration fallback) {
    Instant now = clock.instant();
    OptionalLong remaining = count(first(header, "RateLimit-Remaining", "X-RateLimit-Remaining"));
    Optional<Duration> reset = ServerWaitHint.rateLimitReset(first(header, "RateLimit-Reset", "X-RateLimit-Reset"), now);
    if (code == 429) {
      Optional<Duration> wait = ServerWaitHint.from(header, now);
      update(server, 0, now.plus(wait.orElse(fallback)), now);
    } else if (remaining.isPresent() && reset.isPresent()) {
      update(server, remaining.getAsLong(), now.plus(reset.get()), now);
    }
  }

  private void update(String server, long remaining, Instant reset, Instant now) {
    if (windows.size() >= MAX_SERVERS && !windows.containsKey(server)) {
      windows.values().removeIf(w -> {
        synchronized (w) {
          return !now.isBefore(w.reset);
        }
      });
    }
    Window w = windows.computeIfAbsent(server, s -> new Window());
    synchronized (w) {
      boolean sameWindow = !now.isBefore(w.reset) ? false : !reset.isAfter(w.reset.plusSeconds(1));
      // Within one window, answers to earlier requests may arrive late: keep the lower count.
      w.remaining = sameWindow && w.remaining >= 0 ? Math.min(w.remaining, remaining) : remaining;
      w.reset = sameWindow && w.reset.isAfter(reset) ? w.reset : reset;
    }
  }

  /** The wait until {@code server}'s window resets when it has no request left, else empty. */
  public Optional<Duration> exhausted(String server) {
    Window w = windows.get(server);
    if (w == null) {
      return Optional.empty();
    }
    synchronized (w) {
      Instant now = clock.instant();
      return w.remaining == 0 && now.isBefore(w.reset) ? Optional.of(Duration.between(now, w.reset)) : Optional.empty();
    }
  }

  private static String first(Function<String, String> header, String a, String b) {
    String v = header.apply(a);
    return v != null ? v : header.apply(b);
  }

  private static OptionalLong count(String v) {
    if (v == null || !v.strip().matches("\\d{1,12}")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(v.strip()));
  }
}
