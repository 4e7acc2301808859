package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets held in this process, timed by the injected ticker. A bucket idle for twice the time it
 * takes to fill up again is forgotten: by then it would be full, the same as a new one.
 */
public final class LocalBuckets implements Buckets {
  private record Held(Bucket bucket, long idleNanos) {}

  private final TimeMeter time;
  private final Cache<String, Held> buckets;

  public LocalBuckets(Ticker ticker, long maxBuckets) {
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxBuckets)
        .ticker(ticker)
        .expireAfter(new Expiry<String, Held>() {
          @Override
          public long expireAfterCreate(String key, Held value, long currentTime) {
            return value.idleNanos();
          }

          @Override
          public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
            return value.idleNanos();
          }

          @Override
          public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
            return value.idleNanos();
          }
        })
        .build();
  }

  private Bucket bucket(String key, BucketConfiguration config) {
    return buckets.get(key, k -> {
      LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
      for (Bandwidth limit : config.getBandwidths()) {
        builder.addLimit(limit);
      }
      return new Held(builder.build(), 2 * fillNanos(config));
    }).bucket();
  }

  @Override
  public ConsumptionProbe tryConsume(String key, BucketConfiguration config, long tokens) {
    return bucket(key, config).tryConsumeAndReturnRemaining(tokens);
  }

  @Override
  public void addTokens(String key, BucketConfiguration config, long tokens) {
    bucket(key, config).addTokens(tokens);
  }

  /** How long an empty bucket of this configuration takes to fill up again. */
  public static long fillNanos(BucketConfiguration config) {
    long longest = 0;
    for (Bandwidth b : config.getBandwidths()) {
      long periods = (b.getCapacity() + b.getRefillTokens() - 1) / b.getRefillTokens();
      longest = Math.max(longest, Math.multiplyExact(periods, b.getRefillPeriodNanos()));
    }
    return longest;
  }
}
