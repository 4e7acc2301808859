package org.influencebot.core.source.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fails fast while a remote service is down. After {@code failureThreshold} failures in a row the
 * breaker opens for {@code openDuration}: every call is refused at once. Then one trial call is let
 * through (half-open); its success closes the breaker, its failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final Clock clock;
  private final int failureThreshold;
  private final Duration openDuration;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private Instant openUntil = Instant.MIN;
  private boolean trialInFlight;

  public CircuitBreaker(Clock clock, int failureThreshold, Duration openDuration) {
    this.clock = Objects.requireNonNull(clock);
    if (failureThreshold < 1) {
      throw new IllegalArgumentException("failureThreshold must be at least 1");
    }
    this.failureThreshold = failureThreshold;
    this.openDuration = Objects.requireNonNull(openDuration);
  }

  /**
   * Asks to make a call. Empty means go ahead (the caller must then report success or failure); a
   * duration means refused, and says how long the breaker stays open.
   */
  public synchronized Optional<Duration> tryAcquire() {
    Instant now = clock.instant();
    if (state == State.OPEN) {
      if (now.isBefore(openUntil)) {
        return Optional.of(Duration.between(now, openUntil));
      }
      state = State.HALF_OPEN;
      trialInFlight = false;
    }
    if (state == State.HALF_OPEN) {
      if (trialInFlight) {
        // Another caller is testing the service; refuse for a short while rather than pile on.
        return Optional.of(Duration.ofSeconds(1).compareTo(openDuration) < 0 ? Duration.ofSeconds(1) : openDuration);
      }
      trialInFlight = true;
    }
    return Optional.empty();
  }

  public synchronized void recordSuccess() {
    state = State.CLOSED;
    consecutiveFailures = 0;
    trialInFlight = false;
  }

  public synchronized void recordFailure() {
    trialInFlight = false;
    if (state == State.HALF_OPEN) {
      open();
      return;
    }
    consecutiveFailures++;
    if (consecutiveFailures >= failureThreshold) {
      open();
    }
  }

  /** The call neither proved nor disproved the service's health (e.g. a rate limit). */
  public synchronized void recordNeutral() {
    if (state == State.HALF_OPEN) {
      trialInFlight = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && !clock.instant().isBefore(openUntil)) {
      return State.HALF_OPEN;
    }
    return state;
  }

  private void open() {
    state = State.OPEN;
    openUntil = clock.instant().plus(openDuration);
    consecutiveFailures = 0;
  }
}
