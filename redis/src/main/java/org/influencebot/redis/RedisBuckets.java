package org.influencebot.redis;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;
import org.influencebot.core.limit.Buckets;

/**
 * Token buckets held in Redis through Bucket4j's Lettuce integration (compare-and-swap on one key per
 * bucket), so every process takes from the same bucket: a user's limit and a source's quota hold for
 * the bot as a whole. While Redis is down each process falls back to its own buckets.
 */
public final class RedisBuckets implements Buckets {
  private static final String PREFIX = "influence-bot:bucket:";

  private final RedisLink link;
  private final Buckets fallback;
  private final TimeMeter clock;
  private StatefulRedisConnection<String, byte[]> boundTo;
  private ProxyManager<String> proxy;

  /**
   * @param fallback the buckets of this process, used while Redis does not answer
   * @param clock wall-clock time shared by the processes ({@link TimeMeter#SYSTEM_MILLISECONDS} in production)
   */
  public RedisBuckets(RedisLink link, Buckets fallback, TimeMeter clock) {
    this.link = link;
    this.fallback = fallback;
    this.clock = clock;
  }

  private synchronized Optional<ProxyManager<String>> proxy() {
    Optional<StatefulRedisConnection<String, byte[]>> connection = link.connection();
    if (connection.isEmpty()) {
      return Optional.empty();
    }
    if (boundTo != connection.get()) {
      boundTo = connection.get();
      proxy = Bucket4jLettuce.casBasedBuilder(boundTo)
          .clientClock(clock)
          // A bucket that has filled up again is the same as none: Redis forgets it a little later.
          .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
          .build();
    }
    return Optional.of(proxy);
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration config, long tokens) {
    Optional<ProxyManager<String>> shared = proxy();
    if (shared.isPresent()) {
      try {
        ConsumptionProbe probe = shared.get().builder().build(PREFIX + key, () -> config)
            .tryConsumeAndReturnRemaining(tokens);
        link.succeeded();
        return probe;
      } catch (RuntimeException e) {
        link.failed(e);
      }
    }
    return fallback.tryConsume(key, config, tokens);
  }

  @Override
  public void addTokens(String key, BucketConfiguration config, long tokens) {
    Optional<ProxyManager<String>> shared = proxy();
    if (shared.isPresent()) {
      try {
        shared.get().builder().build(PREFIX + key, () -> config).addTokens(tokens);
        link.succeeded();
        return;
      } catch (RuntimeException e) {
        link.failed(e);
      }
    }
    fallback.addTokens(key, config, tokens);
  }
}
