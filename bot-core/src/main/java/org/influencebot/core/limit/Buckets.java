package org.influencebot.core.limit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Where token buckets live, by name: in this process ({@link LocalBuckets}, the default) or in a
 * server every process shares (Redis), so that several processes together keep one limit.
 */
public interface Buckets {
  /**
   * Takes {@code tokens} from the bucket called {@code key}, creating it full with {@code config} when
   * it does not exist (or was forgotten after being idle).
   */
  ConsumptionProbe tryConsume(String key, BucketConfiguration config, long tokens);

  /** Gives back tokens taken for a request that did not go ahead. */
  void addTokens(String key, BucketConfiguration config, long tokens);
}
