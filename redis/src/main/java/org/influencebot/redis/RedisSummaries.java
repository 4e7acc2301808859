package org.influencebot.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.SharedSummaries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second cache level in Redis: one key per handle ({@code influence-bot:summary:network:name}),
 * the summary as JSON with its computed time, expiring with the summary. Every failure is a miss.
 */
public final class RedisSummaries implements SharedSummaries {
  private static final Logger LOG = LoggerFactory.getLogger(RedisSummaries.class);
  private static final String PREFIX = "influence-bot:summary:";

  private final RedisLink link;
  private final SummaryCodec codec = new SummaryCodec();

  public RedisSummaries(RedisLink link) {
    this.link = link;
  }

  static String key(Handle handle) {
    return PREFIX + handle.key();
  }

  @Override
  public CompletableFuture<Optional<Summary>> get(Handle handle) {
    Optional<StatefulRedisConnection<String, byte[]>> connection = link.connection();
    if (connection.isEmpty()) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<byte[]> reply;
    try {
      reply = connection.get().async().get(key(handle)).toCompletableFuture();
    } catch (RuntimeException e) {
      link.failed(e);
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return reply.handle((bytes, error) -> {
      if (error != null) {
        link.failed(error);
        return Optional.empty();
      }
      link.succeeded();
      if (bytes == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(codec.read(bytes));
      } catch (IOException | RuntimeException e) {
        LOG.debug("shared summary of {} ignored: {}", handle, e.getMessage());
        return Optional.empty();
      }
    });
  }

  @Override
  public void put(Handle handle, Summary summary, Duration timeToLive) {
    byte[] json;
    try {
      json = codec.write(summary);
    } catch (RuntimeException e) {
      LOG.warn("summary of {} not shared: {}", handle, e.getMessage());
      return;
    }
    run(c -> c.async().set(key(handle), json, SetArgs.Builder.px(Math.max(1, timeToLive.toMillis())))
        .toCompletableFuture());
  }

  @Override
  public void invalidate(Handle handle) {
    run(c -> c.async().del(key(handle)).toCompletableFuture());
  }

  private void run(java.util.function.Function<StatefulRedisConnection<String, byte[]>, CompletableFuture<?>> command) {
    Optional<StatefulRedisConnection<String, byte[]>> connection = link.connection();
    if (connection.isEmpty()) {
      return;
    }
    try {
      command.apply(connection.get()).whenComplete((ok, error) -> {
        if (error != null) {
          link.failed(error);
        } else {
          link.succeeded();
        }
      });
    } catch (RuntimeException e) {
      link.failed(e);
    }
  }
}
