package org.influencebot.core.source.http;

import java.time.Clock;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;
import org.influencebot.core.source.resilience.Sleeper;

/**
 * What every HTTP-backed source shares: the one OkHttp client (from {@link SourceHttpClient}), the
 * executor blocking calls run on, and the clock, randomness and sleeper that tests replace.
 */
public record SourceRuntime(OkHttpClient client, Executor executor, Clock clock, Random random, Sleeper sleeper) {
  public SourceRuntime {
    Objects.requireNonNull(client);
    Objects.requireNonNull(executor);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(random);
    Objects.requireNonNull(sleeper);
  }

  /** The real clock, real sleeps and an unseeded random. */
  public static SourceRuntime production(OkHttpClient client, Executor executor) {
    return new SourceRuntime(client, executor, Clock.systemUTC(), new Random(), Sleeper.REAL);
  }

  public SourceHttp http(SourceErrors errors, HttpCallPolicy policy) {
    return new SourceHttp(errors, client, policy, clock, random, sleeper);
  }
}
