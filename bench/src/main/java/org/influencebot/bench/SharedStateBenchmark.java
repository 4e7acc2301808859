package org.influencebot.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.limit.LocalBuckets;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.redis.RedisBuckets;
import org.influencebot.redis.RedisLink;
import org.influencebot.redis.RedisSummaries;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What Redis adds to a cached answer, against a real redis-server on 127.0.0.1. A cached answer is
 * the request limits (a user's bucket and a chat's) and the summary from the first level; with Redis
 * the buckets live in Redis (two round trips, Bucket4j's compare-and-swap), the summary still comes
 * from the process's own Caffeine. {@code sharedGet} is a summary another process computed: GET and
 * JSON decoding. Run:
 * {@code java -jar bench/target/benchmarks.jar SharedStateBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SharedStateBenchmark {
  static final int HANDLES = 1000;
  private BenchRedis redis;
  private RedisLink link;
  private ExecutorService executor;
  private InfluenceService service;
  private RedisSummaries shared;
  private RequestLimits localLimits;
  private RequestLimits redisLimits;
  private Handle[] handles;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    redis = new BenchRedis();
    link = RedisLink.connect(redis.url(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5));
    link.awaitConnected(Duration.ofSeconds(5));
    shared = new RedisSummaries(link);
    Random r = new Random(7);
    List<Account> sample = SampleAccounts.followers(r, 200, 0.05);
    List<Account> engagers = SampleAccounts.engagers(r, 400, 260, 0.03);
    CachedSummaryBenchmark.MapSource source = new CachedSummaryBenchmark.MapSource();
    handles = new Handle[HANDLES];
    for (int i = 0; i < HANDLES; i++) {
      String name = "creator_" + i;
      source.accounts.put(name, BenchAccounts.creator(r, name, 200, 365, 100, sample, engagers));
      handles[i] = Handle.unqualified("Creator_" + i);
    }
    executor = Executors.newFixedThreadPool(2);
    service = new InfluenceService(source, new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), Clock.systemUTC()), executor,
        Ticker.systemTicker(), Clock.systemUTC(), InfluenceService.Options.defaults(),
        org.influencebot.core.service.ScoreHistory.none(), shared);
    for (Handle h : handles) {
      service.summary(h).join();
    }
    // Limits high enough never to refuse: the cost of asking is measured, not the refusal.
    RequestLimits.Options options = new RequestLimits.Options(1_000_000, Duration.ofMinutes(1), 1_000_000,
        Duration.ofMinutes(1), Duration.ofSeconds(60));
    localLimits = new RequestLimits(options, new LocalBuckets(Ticker.systemTicker(), 300_000));
    redisLimits = new RequestLimits(options, new RedisBuckets(link, new LocalBuckets(Ticker.systemTicker(), 300_000),
        TimeMeter.SYSTEM_MILLISECONDS));
    if (sharedGet().isEmpty() || !link.status().up()) {
      throw new IllegalStateException("the shared level is not warm: " + link.status());
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    executor.shutdownNow();
    link.close();
    redis.close();
  }

  private Handle nextHandle() {
    Handle h = handles[next];
    next = next + 1 == HANDLES ? 0 : next + 1;
    return h;
  }

  /** A cached answer in one process: local buckets, then the first level. */
  @Benchmark
  public Lookup cachedAnswerLocal() {
    Handle h = nextHandle();
    OptionalLong wait = localLimits.tryRequest("user-" + next, "chat-" + (next & 31));
    if (wait.isPresent()) {
      throw new IllegalStateException("limited");
    }
    return service.summary(h).join();
  }

  /** The same answer when the processes share their limits in Redis. */
  @Benchmark
  public Lookup cachedAnswerRedis() {
    Handle h = nextHandle();
    OptionalLong wait = redisLimits.tryRequest("user-" + next, "chat-" + (next & 31));
    if (wait.isPresent()) {
      throw new IllegalStateException("limited");
    }
    return service.summary(h).join();
  }

  /** A summary computed by another process, read from Redis (GET and JSON decoding). */
  @Benchmark
  public Optional<Summary> sharedGet() {
    return shared.get(service.normalize(nextHandle())).join();
  }
}
