package org.influencebot.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.ScoreHistory;
import org.influencebot.core.service.SharedSummaries;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.redis.RedisLink;
import org.influencebot.redis.RedisSummaries;

/**
 * The share of cache hits across processes: a stream of lookups (handles drawn with a Zipf-like skew,
 * seeded) spread in turn over two services, as a reverse proxy or Discord's sharding spreads users,
 * once with each process's own cache only and once with the shared second level in a real Redis.
 * Prints, for each, the lookups answered by the first level, by the second, and computed.
 * Run: {@code java -cp bench/target/benchmarks.jar org.influencebot.bench.SharedCacheProbe 1000 20000}
 */
public final class SharedCacheProbe {
  private SharedCacheProbe() {}

  public static void main(String[] args) {
    int handles = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Random r = new Random(11);
    List<Account> sample = SampleAccounts.followers(r, 200, 0.05);
    List<Account> engagers = SampleAccounts.engagers(r, 400, 260, 0.03);
    CachedSummaryBenchmark.MapSource source = new CachedSummaryBenchmark.MapSource();
    for (int i = 0; i < handles; i++) {
      source.accounts.put("creator_" + i, BenchAccounts.creator(r, "creator_" + i, 200, 365, 100, sample, engagers));
    }
    int[] stream = zipfStream(new Random(5), handles, lookups, 1.0);
    System.out.println(run("own cache only", source, stream, SharedSummaries.none(), SharedSummaries.none()));
    try (BenchRedis redis = new BenchRedis();
        RedisLink a = RedisLink.connect(redis.url(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5));
        RedisLink b = RedisLink.connect(redis.url(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5))) {
      a.awaitConnected(Duration.ofSeconds(5));
      b.awaitConnected(Duration.ofSeconds(5));
      System.out.println(run("with Redis", source, stream, new RedisSummaries(a), new RedisSummaries(b)));
    }
  }

  /** Handle indexes with P(k) proportional to 1 / (k+1)^s: a few popular accounts, a long tail. */
  static int[] zipfStream(Random r, int n, int length, double s) {
    double[] cumulative = new double[n];
    double sum = 0;
    for (int k = 0; k < n; k++) {
      sum += 1 / Math.pow(k + 1, s);
      cumulative[k] = sum;
    }
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      double u = r.nextDouble() * sum;
      int lo = 0;
      int hi = n - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      out[i] = lo;
    }
    return out;
  }

  private static String run(String label, CachedSummaryBenchmark.MapSource source, int[] stream, SharedSummaries forA,
      SharedSummaries forB) {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      AtomicInteger computed = new AtomicInteger();
      CountingSource counting = new CountingSource(source, computed);
      Analyzer analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), Clock.systemUTC());
      InfluenceService a = new InfluenceService(counting, analyzer, pool, Ticker.systemTicker(), Clock.systemUTC(),
          InfluenceService.Options.defaults(), ScoreHistory.none(), forA);
      InfluenceService b = new InfluenceService(counting, analyzer, pool, Ticker.systemTicker(), Clock.systemUTC(),
          InfluenceService.Options.defaults(), ScoreHistory.none(), forB);
      long start = System.nanoTime();
      for (int i = 0; i < stream.length; i++) {
        (i % 2 == 0 ? a : b).summary(Handle.unqualified("creator_" + stream[i])).join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long firstLevel = a.stats().hitCount() + b.stats().hitCount();
      long secondLevel = a.sharedStats().hits() + b.sharedStats().hits();
      long missesOfFirst = a.stats().missCount() + b.stats().missCount();
      return String.format(Locale.ROOT, "%-15s %d lookups of %d handles over 2 processes: first level %d (%.1f%%), "
          + "second level %d (%.1f%% of all, %.1f%% of first-level misses), computed %d (%.1f%%); %.2f s",
          label, stream.length, source.accounts.size(), firstLevel, 100.0 * firstLevel / stream.length, secondLevel,
          100.0 * secondLevel / stream.length, missesOfFirst == 0 ? 0 : 100.0 * secondLevel / missesOfFirst,
          computed.get(), 100.0 * computed.get() / stream.length, seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Counts the fetches: one per computed summary. */
  private record CountingSource(CachedSummaryBenchmark.MapSource source, AtomicInteger fetches)
      implements org.influencebot.core.source.MetricsSource {
    @Override
    public String name() {
      return source.name();
    }

    @Override
    public boolean serves(String network) {
      return true;
    }

    @Override
    public java.util.concurrent.CompletableFuture<Account> fetch(Handle handle) {
      fetches.incrementAndGet();
      return source.fetch(handle);
    }
  }
}
