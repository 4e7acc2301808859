package org.influencebot.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one connection to Redis that the shared cache and the shared limits use, and whether Redis
 * answers. Redis is never in the way of an answer: a command waits at most {@code timeout}; after a
 * failure Redis is left alone for {@code retryAfter} (the bot answers from its own cache and limits
 * meanwhile) and then tried again. Going down and coming back are each logged once.
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
  static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  /** What {@code /debug} shows: the address (never the password), up or down, and why. */
  public record Status(String address, boolean up, Optional<String> problem, long failures) {
    @Override
    public String toString() {
      return "redis " + address + ": " + (up ? "up" : "DOWN (" + problem.orElse("?")
          + "), answering from this process's cache and limits") + ", " + failures + " failed calls";
    }
  }

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private final String address;
  private final Duration retryAfter;
  private final LongSupplier nanoTime;
  private final AtomicReference<StatefulRedisConnection<String, byte[]>> connection = new AtomicReference<>();
  /** The connection being opened, if one is: at most one attempt at a time, and no caller waits for it. */
  private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, byte[]>>> connecting =
      new AtomicReference<>();
  private volatile boolean up = true;
  private volatile boolean closed;
  private volatile long retryAt;
  private volatile String problem;
  private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();

  private RedisLink(ClientResources resources, RedisClient client, RedisURI uri, String address, Duration retryAfter,
      LongSupplier nanoTime) {
    this.resources = resources;
    this.client = client;
    this.uri = uri;
    this.address = address;
    this.retryAfter = retryAfter;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts connecting to {@code url} (redis://host:port/db or rediss:// for TLS) and returns at once:
   * until the connection is open, callers use their own process's cache and limits. An unreachable
   * Redis does not stop the start: it is logged, and tried again later. {@link #awaitConnected} waits
   * for the first connection where waiting is wanted (at start).
   *
   * @param password empty when Redis needs none (kept out of the URL so the URL can be shown)
   */
  public static RedisLink connect(String url, Optional<String> password, Duration timeout, Duration retryAfter) {
    return connect(url, password, timeout, retryAfter, System::nanoTime);
  }

  static RedisLink connect(String url, Optional<String> password, Duration timeout, Duration retryAfter,
      LongSupplier nanoTime) {
    RedisURI.Builder builder = RedisURI.builder(RedisURI.create(url)).withTimeout(timeout);
    password.filter(p -> !p.isEmpty()).ifPresent(p -> builder.withPassword(p.toCharArray()));
    RedisURI uri = builder.build();
    // Two I/O threads are plenty for one connection; reconnect attempts at most retryAfter apart.
    ClientResources resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), retryAfter, 2, TimeUnit.MILLISECONDS))
        .build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // While disconnected, fail at once (the bot falls back) instead of queueing until the timeout.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(timeout))
        .build());
    URI shown = URI.create(url);
    RedisLink link = new RedisLink(resources, client, uri, shown.getScheme() + "://" + shown.getHost() + ":"
        + (shown.getPort() > 0 ? shown.getPort() : 6379), retryAfter, nanoTime);
    link.connection();
    return link;
  }

  /**
   * Waits up to {@code wait} for the connection (opened in the background since {@link #connect}); true
   * when it is open. For the start of a process and for tools; callers of the cache and limits never wait.
   */
  public boolean awaitConnected(Duration wait) {
    connection();
    CompletableFuture<StatefulRedisConnection<String, byte[]>> attempt = connecting.get();
    if (connection.get() == null && attempt != null) {
      try {
        attempt.get(wait.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // down: said by failed(), or still connecting
      }
    }
    return connection.get() != null;
  }

  /**
   * The connection when Redis is to be used now; empty while it is down and not yet due for a new try,
   * and while it is being opened. Never waits: opening a connection (which a slow Redis can hold for the
   * whole timeout) happens in the background.
   */
  Optional<StatefulRedisConnection<String, byte[]>> connection() {
    StatefulRedisConnection<String, byte[]> c = connection.get();
    if (!up && nanoTime.getAsLong() - retryAt < 0) {
      return Optional.empty();
    }
    if (c != null) {
      return Optional.of(c);
    }
    startConnecting();
    return Optional.empty();
  }

  private void startConnecting() {
    if (closed || connecting.get() != null) {
      return;
    }
    CompletableFuture<StatefulRedisConnection<String, byte[]>> attempt = new CompletableFuture<>();
    if (!connecting.compareAndSet(null, attempt)) {
      return;
    }
    CompletableFuture<StatefulRedisConnection<String, byte[]>> opening;
    try {
      opening = client.connectAsync(CODEC, uri).toCompletableFuture();
    } catch (RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    opening.whenComplete((opened, error) -> {
      if (error == null && closed) {
        opened.closeAsync();
      } else if (error == null) {
        connection.set(opened);
        succeeded();
      } else {
        failed(error);
      }
      connecting.set(null);
      if (error == null) {
        attempt.complete(opened);
      } else {
        attempt.completeExceptionally(error);
      }
    });
  }

  /** A Redis call failed: use this process's own cache and limits until the next try. */
  void failed(Throwable error) {
    failures.increment();
    retryAt = nanoTime.getAsLong() + retryAfter.toNanos();
    String why = describe(error);
    problem = why;
    if (up) {
      up = false;
      LOG.warn("Redis at {} does not answer ({}): answering from this process's own cache and limits, trying again "
          + "every {} s", address, why, retryAfter.toSeconds());
    }
  }

  /** A Redis call worked. */
  void succeeded() {
    problem = null;
    if (!up) {
      up = true;
      LOG.info("Redis at {} answers again: cache and limits are shared again", address);
    }
  }

  private static String describe(Throwable error) {
    Throwable c = error;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  public Status status() {
    boolean open = up && connection.get() != null;
    return new Status(address, open, Optional.ofNullable(problem).filter(p -> !up).or(() -> Optional.of("connecting"))
        .filter(p -> !open), failures.sum());
  }

  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<String, byte[]> c = connection.getAndSet(null);
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
