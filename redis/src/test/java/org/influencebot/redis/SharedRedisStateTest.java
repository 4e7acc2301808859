package org.influencebot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.limit.LocalBuckets;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.limit.SourceBudget;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.source.SourceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two processes' worth of links to one real Redis: what one stores or spends, the other sees. */
class SharedRedisStateTest {
  private static final RedisTestServer REDIS = new RedisTestServer();

  private final AtomicLong nanos = new AtomicLong();
  /** Both "processes" read the same wall clock, as two machines synchronized by NTP do. */
  private final TimeMeter wallClock = new TimeMeter() {
    @Override
    public long currentTimeNanos() {
      return 1_800_000_000_000_000_000L + nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
      return true;
    }
  };
  private final List<RedisLink> links = new ArrayList<>();

  @AfterEach
  void closeLinks() {
    links.forEach(RedisLink::close);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  /**
   * A link as a process has one. The generous timeout keeps a busy CI machine from sending a test onto
   * the fallback it did not ask for; the outage test stops Redis, and commands are then refused at once.
   */
  private RedisLink link() {
    RedisLink link = RedisLink.connect(REDIS.url(), Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(5),
        nanos::get);
    links.add(link);
    assertThat(link.awaitConnected(Duration.ofSeconds(10))).as("connected to the test Redis").isTrue();
    return link;
  }

  private RedisBuckets buckets(RedisLink link) {
    return new RedisBuckets(link, new LocalBuckets(Ticker.systemTicker(), 1000), wallClock);
  }

  @Test
  void aSummaryStoredByOneProcessIsReadByAnother() {
    Account account = SampleAccounts.all().get(0);
    Handle handle = Handle.of("sample", "shared-" + System.nanoTime());
    Summary summary = new Analyzer(FakeModel.loadDefault(), Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC))
        .analyze(handle, account, "sample data");
    RedisSummaries one = new RedisSummaries(link());
    RedisSummaries other = new RedisSummaries(link());

    assertThat(other.get(handle).join()).isEmpty();
    one.put(handle, summary, Duration.ofMinutes(5));

    assertThat(eventually(() -> other.get(handle).join())).contains(summary);
    other.invalidate(handle);
    assertThat(eventually(() -> one.get(handle).join().isEmpty() ? "forgotten" : null)).isEqualTo("forgotten");
  }

  @Test
  void aUsersLimitHoldsAcrossProcesses() {
    String user = "user-" + System.nanoTime();
    RequestLimits one = new RequestLimits(RequestLimits.Options.defaults(), buckets(link()));
    RequestLimits other = new RequestLimits(RequestLimits.Options.defaults(), buckets(link()));

    for (int i = 0; i < 6; i++) {
      assertThat((i % 2 == 0 ? one : other).tryRequest(user, "chat")).as("request %d", i).isEmpty();
    }

    assertThat(one.tryRequest(user, "chat")).hasValue(10);
    assertThat(other.tryRequest(user, "chat")).hasValue(10);
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(other.tryRequest(user, "chat")).isEmpty();
  }

  @Test
  void aSourcesBudgetHoldsAcrossProcesses() {
    String server = "server-" + System.nanoTime() + ".example";
    MetricsSource one = new SourceBudget(new SampleSource(), 10, Duration.ofMinutes(5), 4, h -> server,
        buckets(link()));
    MetricsSource other = new SourceBudget(new SampleSource(), 10, Duration.ofMinutes(5), 4, h -> server,
        buckets(link()));
    Handle handle = Handle.of("sample", SampleAccounts.all().get(0).handle());

    assertThat(one.fetch(handle)).succeedsWithin(Duration.ofSeconds(5));
    assertThat(other.fetch(handle)).succeedsWithin(Duration.ofSeconds(5));

    CompletableFuture<Account> third = one.fetch(handle);
    assertThat(third).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .havingCause().isInstanceOf(SourceException.class);
  }

  @Test
  void aLookupMissedByTheSharedLevelIsComputedOffRedisOwnThreadSoItsBudgetCanAskRedisToo() {
    RedisLink link = link();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      MetricsSource budgeted = new SourceBudget(new SampleSource(), 100, Duration.ofMinutes(5), 1,
          h -> "sample-" + System.nanoTime(), buckets(link));
      Clock clock = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
      org.influencebot.core.service.InfluenceService service = new org.influencebot.core.service.InfluenceService(
          budgeted, new Analyzer(FakeModel.loadDefault(), clock), pool, Ticker.systemTicker(), clock,
          org.influencebot.core.service.InfluenceService.Options.defaults(),
          org.influencebot.core.service.ScoreHistory.none(), new RedisSummaries(link));
      Handle handle = Handle.of("sample", SampleAccounts.all().get(1).handle());
      link.failed(new IllegalStateException("a failure before the test")); // forgotten at the next success
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());

      assertThat(service.summary(handle)).succeedsWithin(Duration.ofSeconds(5));
      // Had the budget waited on Redis from Redis's own I/O thread, the call would have timed out.
      assertThat(link.status().up()).isTrue();
      assertThat(link.status().failures()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void withRedisDownEachProcessKeepsItsOwnLimitsAndSaysSoThenSharesAgainWhenRedisIsBack() throws Exception {
    RedisLink link = link();
    RequestLimits limits = new RequestLimits(RequestLimits.Options.defaults(), buckets(link));
    RedisSummaries summaries = new RedisSummaries(link);
    Handle handle = Handle.of("sample", "down-" + System.nanoTime());
    String user = "user-" + System.nanoTime();
    assertThat(limits.tryRequest(user, "chat")).isEmpty();
    assertThat(link.status().up()).isTrue();

    REDIS.stop();
    try {
      // The local buckets take over, fresh: the bot answers rather than failing.
      for (int i = 0; i < 6; i++) {
        assertThat(limits.tryRequest(user, "chat")).isEmpty();
      }
      assertThat(limits.tryRequest(user, "chat")).isNotEmpty();
      assertThat(summaries.get(handle).get(1, TimeUnit.SECONDS)).isEmpty();
      assertThat(link.status().up()).isFalse();
      assertThat(link.status().toString()).contains("DOWN").contains("127.0.0.1");
    } finally {
      REDIS.start();
    }

    // Until the retry time Redis is left alone; past it, the next call goes to Redis again.
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    OptionalLong wait = eventuallyUp(link, () -> limits.tryRequest(user + "-after", "chat"));
    assertThat(wait).isEmpty();
    assertThat(link.status().up()).isTrue();
  }

  /** Redis replies are asynchronous (and a reconnect takes a moment): asks until the answer is there, for 5 s. */
  private static <T> T eventually(java.util.function.Supplier<T> ask) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    T answer = ask.get();
    while ((answer == null || answer instanceof Optional<?> o && o.isEmpty()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      answer = ask.get();
    }
    return answer;
  }

  private <T> T eventuallyUp(RedisLink link, java.util.function.Supplier<T> ask) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    T answer = ask.get();
    while (!link.status().up() && System.nanoTime() < deadline) {
      nanos.addAndGet(Duration.ofSeconds(6).toNanos());
      answer = ask.get();
    }
    return answer;
  }
}
