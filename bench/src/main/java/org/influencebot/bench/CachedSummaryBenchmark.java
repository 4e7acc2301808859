package org.influencebot.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.MetricsSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A cached summary through the service: {@code InfluenceService.summary(handle).join()} on a warm cache
 * (real system ticker and clock, the default options, a 2-thread analysis pool as in the app).
 * {@code oneHandle} asks for the same handle each time; {@code manyHandles} cycles through 1000 cached
 * handles, written as a user types them ({@code @Creator_N}, so the case folding runs). Goal: p99 under 10 µs.
 * Run: {@code java -jar bench/target/benchmarks.jar CachedSummaryBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CachedSummaryBenchmark {
  static final int HANDLES = 1000;
  /**
   * The service's executor: {@code pool} is a 2-thread pool as in the app (Caffeine also runs its cache
   * maintenance there, waking a pool thread now and then); {@code direct} runs everything on the caller.
   */
  @Param({"pool"})
  public String executorKind;
  private ExecutorService executor;
  private InfluenceService service;
  private Handle[] handles;
  private Handle one;
  private int next;

  /** A source of generated accounts, keyed by lower-case name, completed at once. */
  static final class MapSource implements MetricsSource {
    final Map<String, Account> accounts = new HashMap<>();

    @Override
    public String name() {
      return "sample";
    }

    @Override
    public boolean serves(String network) {
      return true;
    }

    @Override
    public CompletableFuture<Account> fetch(Handle handle) {
      Account a = accounts.get(handle.name());
      return a != null ? CompletableFuture.completedFuture(a)
          : CompletableFuture.failedFuture(new AccountNotFoundException(handle, name()));
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(7);
    List<Account> sample = SampleAccounts.followers(r, 200, 0.05);
    List<Account> engagers = SampleAccounts.engagers(r, 400, 260, 0.03);
    MapSource source = new MapSource();
    handles = new Handle[HANDLES];
    for (int i = 0; i < HANDLES; i++) {
      String name = "creator_" + i;
      source.accounts.put(name, BenchAccounts.creator(r, name, 200, 365, 100, sample, engagers));
      handles[i] = Handle.unqualified("Creator_" + i);
    }
    executor = Executors.newFixedThreadPool(2);
    Executor used = executorKind.equals("direct") ? Runnable::run : executor;
    Analyzer analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), Clock.systemUTC());
    service = new InfluenceService(source, analyzer, used, Ticker.systemTicker(), Clock.systemUTC(),
        InfluenceService.Options.defaults());
    for (Handle h : handles) {
      service.summary(h).join();
    }
    one = handles[0];
    if (service.cachedSummaries() != HANDLES || !service.summary(one).join().fromCache()) {
      throw new IllegalStateException("cache not warm");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    executor.shutdownNow();
  }

  @Benchmark
  public Lookup oneHandle() {
    return service.summary(one).join();
  }

  @Benchmark
  public Lookup manyHandles() {
    Handle h = handles[next];
    next = next + 1 == HANDLES ? 0 : next + 1;
    return service.summary(h).join();
  }
}
