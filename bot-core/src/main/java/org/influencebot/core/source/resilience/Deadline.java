package org.influencebot.core.source.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one deadline of a metrics lookup: set when the lookup starts, carried through each of its
 * requests, retries and waits. A request is given only the time that is left; a wait that would end
 * after it is not started.
 */
public final class Deadline {
  private final Clock clock;
  private final Instant at;
  private final Duration total;

  private Deadline(Clock clock, Duration total) {
    this.clock = Objects.requireNonNull(clock);
    this.total = Objects.requireNonNull(total);
    this.at = clock.instant().plus(total);
  }

  /** A deadline {@code total} from now on {@code clock}. */
  public static Deadline after(Clock clock, Duration total) {
    if (total.isNegative() || total.isZero()) {
      throw new IllegalArgumentException("a lookup needs a positive time limit");
    }
    return new Deadline(clock, total);
  }

  /** The time left, never negative. */
  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  /** Whether a wait of {@code d} ends before the deadline (with time left to ask afterwards). */
  public boolean allows(Duration d) {
    return d.compareTo(remaining()) < 0;
  }

  /** The whole time the lookup was given, for messages. */
  public Duration total() {
    return total;
  }
}
