package org.influencebot.core.source.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;
import org.influencebot.core.source.resilience.Deadline;
import org.influencebot.core.source.resilience.Sleeper;

/**
 * What every HTTP-backed source shares: the one OkHttp client (from {@link SourceHttpClient}), the
 * executor blocking calls run on, the time one lookup may take in all ({@code source.timeout}), and the
 * clock, randomness and sleeper that tests replace.
 */
public record SourceRuntime(OkHttpClient client, Executor executor, Clock clock, Random random, Sleeper sleeper,
    Duration lookupTimeout) {
  /** The shipped {@code source.timeout}. */
  public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(20);

  public SourceRuntime {
    Objects.requireNonNull(client);
    Objects.requireNonNull(executor);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(random);
    Objects.requireNonNull(sleeper);
    if (lookupTimeout.isNegative() || lookupTimeout.isZero()) {
      throw new IllegalArgumentException("a lookup needs a positive time limit");
    }
  }

  /** The real clock, real sleeps and an unseeded random. */
  public static SourceRuntime production(OkHttpClient client, Executor executor, Duration lookupTimeout) {
    return new SourceRuntime(client, executor, Clock.systemUTC(), new Random(), Sleeper.REAL, lookupTimeout);
  }

  /** The deadline of a lookup starting now. */
  public Deadline deadline() {
    return Deadline.after(clock, lookupTimeout);
  }

  public SourceHttp http(SourceErrors errors, HttpCallPolicy policy) {
    return new SourceHttp(errors, client, policy, clock, random, sleeper);
  }
}
