package org.influencebot.core.source.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.influencebot.core.source.resilience.Sleeper;

/** A source runtime for tests: small timeouts, a settable clock, seeded randomness, a sleeper that only records. */
public final class TestRuntime implements AutoCloseable {
  public static final Instant T0 = Instant.parse("2026-11-28T15:00:00Z");

  public final MutableClock clock = new MutableClock(T0);
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final ExecutorService executor = Executors.newFixedThreadPool(2);
  public final OkHttpClient client;
  public final SourceRuntime runtime;

  public TestRuntime() {
    this(new HttpTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2)));
  }

  public TestRuntime(HttpTimeouts timeouts) {
    this(timeouts, SourceRuntime.DEFAULT_LOOKUP_TIMEOUT, Dns.SYSTEM);
  }

  /**
   * @param lookupTimeout the deadline of each lookup, on {@link #clock}
   * @param dns how names resolve, behind the public-address guard (the fake servers' host is configured)
   */
  public TestRuntime(HttpTimeouts timeouts, Duration lookupTimeout, Dns dns) {
    client = SourceHttpClient.create(timeouts, "influence-bot/test",
        new PublicAddressDns(dns, Set.of("localhost", "127.0.0.1")));
    // The sleeper moves the clock on as a real wait would, so that time-based hints stay consistent.
    Sleeper sleeper = d -> {
      sleeps.add(d);
      clock.advance(d);
    };
    runtime = new SourceRuntime(client, executor, clock, new Random(42), sleeper, lookupTimeout);
  }

  public static HttpCallPolicy policy(int attempts, int breakerFailures) {
    return new HttpCallPolicy(new org.influencebot.core.source.resilience.RetryPolicy(attempts,
        Duration.ofMillis(400), Duration.ofSeconds(4), Duration.ofSeconds(10)), 64 * 1024, breakerFailures,
        Duration.ofMinutes(2));
  }

  public static String fixture(String path) {
    try (InputStream in = TestRuntime.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  /** A clock tests move by hand. */
  public static final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
      now = start;
    }

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
