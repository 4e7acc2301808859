package org.influencebot.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.limit.LocalBuckets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that accepts the connection and never answers (a stalled server, a proxy in the way): the
 * link's timeout is an hour here, so a caller that waited for the connection would wait an hour.
 * Nothing waits: the connection is opened in the background and callers use their own process's
 * limits and cache meanwhile.
 */
class SlowRedisTest {
  private static final Duration NEVER = Duration.ofHours(1);

  private ServerSocket silent;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final CountDownLatch reached = new CountDownLatch(1);
  private final AtomicLong nanos = new AtomicLong();
  private RedisLink link;

  @BeforeEach
  void silentRedis() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          accepted.add(silent.accept()); // read nothing, answer nothing
          reached.countDown();
        } catch (IOException e) {
          return;
        }
      }
    }, "silent-redis");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void close() throws IOException {
    if (link != null) {
      link.close();
    }
    silent.close();
    for (Socket s : accepted) {
      s.close();
    }
  }

  @Test
  void aRedisThatNeverAnswersHoldsNoCallerTheyUseTheirOwnLimitsAndCache() throws Exception {
    // Each step would take the link's hour if it waited for the connection; five seconds is a bound
    // no machine's load comes near, and only a stall reaches it.
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      link = RedisLink.connect("redis://127.0.0.1:" + silent.getLocalPort(), Optional.empty(), NEVER,
          Duration.ofSeconds(5), nanos::get);
      RedisBuckets buckets = new RedisBuckets(link, new LocalBuckets(Ticker.systemTicker(), 100),
          TimeMeter.SYSTEM_MILLISECONDS);
      BucketConfiguration two = BucketConfiguration.builder()
          .addLimit(limit -> limit.capacity(2).refillGreedy(2, Duration.ofMinutes(1))).build();
      assertThat(buckets.tryConsume("user:1", two, 1).isConsumed()).isTrue();
      assertThat(buckets.tryConsume("user:1", two, 1).isConsumed()).isTrue();
      assertThat(buckets.tryConsume("user:1", two, 1).isConsumed()).as("this process's own bucket").isFalse();
      assertThat(new RedisSummaries(link).get(Handle.of("sample", "anyone")).get(1, TimeUnit.SECONDS)).isEmpty();
    });
    // The connection was tried (in the background), and is still being opened: not up, and said so.
    assertThat(reached.await(10, TimeUnit.SECONDS)).as("the link went to the silent Redis").isTrue();
    assertThat(accepted).hasSize(1);
    assertThat(link.status().up()).isFalse();
    assertThat(link.status().toString()).contains("DOWN (connecting)");
    // Asking again starts no second attempt while the first is open.
    assertThat(link.connection()).isEmpty();
    assertThat(link.awaitConnected(Duration.ofMillis(50))).isFalse();
    assertThat(accepted).hasSize(1);
  }
}
