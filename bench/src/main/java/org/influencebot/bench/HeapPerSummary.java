package org.influencebot.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.MetricsSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap per cached summary: fills an {@link InfluenceService} (the real one: its cache and its
 * last-good cache) with N summaries of generated accounts, each with its own 365-day follower history
 * (one {@code FollowerPoint} and one {@code LocalDate} per day, as a parsed source gives), and compares
 * the used heap after repeated {@code System.gc()} before and after. Then JOL's footprint of one summary,
 * by class, and of the same history held as primitive arrays (the proposed compact form).
 * Run: {@code java -Xmx4g -cp bench/target/benchmarks.jar org.influencebot.bench.HeapPerSummary 100000}
 */
public final class HeapPerSummary {
  private HeapPerSummary() {}

  /** The compact history the report proposes: first day, then one count per day. Only measured here. */
  record CompactHistory(long firstEpochDay, long[] counts) {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 365;
    Random shared = new Random(11);
    List<Account> sample = SampleAccounts.followers(shared, 200, 0.05);
    List<Account> engagers = SampleAccounts.engagers(shared, 400, 260, 0.03);
    MetricsSource source = new MetricsSource() {
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
        int i = Integer.parseInt(handle.name().substring("acct_".length()));
        return CompletableFuture.completedFuture(
            BenchAccounts.creator(new Random(1000L + i), handle.name(), 200, days, 100, sample, engagers));
      }
    };
    Analyzer analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), Clock.systemUTC());
    InfluenceService.Options defaults = InfluenceService.Options.defaults();
    InfluenceService.Options options = new InfluenceService.Options(defaults.expireAfter(), defaults.refreshAfter(),
        defaults.notFoundFor(), 2L * n, defaults.keepStaleFor(), defaults.defaultNetwork());
    InfluenceService service = new InfluenceService(source, analyzer, Runnable::run, Ticker.systemTicker(),
        Clock.systemUTC(), options);
    // Warm the code paths (and class loading) on handles outside the measured range, then drop them.
    for (int i = 0; i < 200; i++) {
      service.summary(Handle.of("sample", "acct_" + (n + i))).join();
    }
    service = new InfluenceService(source, analyzer, Runnable::run, Ticker.systemTicker(), Clock.systemUTC(), options);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    long start = System.nanoTime();
    Summary last = null;
    for (int i = 0; i < n; i++) {
      last = service.summary(Handle.of("sample", "acct_" + i)).join().summary();
    }
    long fillMs = (System.nanoTime() - start) / 1_000_000;
    long after = usedAfterGc(memory);
    long cached = service.cachedSummaries();
    System.out.printf("summaries cached: %d (history %d days each), filled in %d ms%n", cached, days, fillMs);
    System.out.printf("used heap after GC: before %,d B, after %,d B, retained %,d B%n", before, after, after - before);
    System.out.printf("retained per cached summary (service, both caches): %,d B%n", (after - before) / cached);

    GraphLayout one = GraphLayout.parseInstance(last);
    System.out.printf("%nJOL: one summary, deep size %,d B (shared constants such as enum values included)%n",
        one.totalSize());
    System.out.println(one.toFootprint());
    GraphLayout history = GraphLayout.parseInstance(last.followerHistory());
    System.out.printf("JOL: its followerHistory alone (%d points): %,d B%n", last.followerHistory().size(),
        history.totalSize());
    List<FollowerPoint> h = last.followerHistory();
    long[] counts = new long[h.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = h.get(i).followers();
    }
    CompactHistory compact = new CompactHistory(h.get(0).at().toEpochDay(), counts);
    System.out.printf("JOL: the same history as (first epoch day, long[] counts): %,d B%n",
        GraphLayout.parseInstance(compact).totalSize());
    int[] intCounts = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      intCounts[i] = (int) counts[i];
    }
    System.out.printf("JOL: as int[] counts (fits when every count < 2^31): %,d B%n",
        GraphLayout.parseInstance((Object) intCounts).totalSize());
    LocalDate check = LocalDate.ofEpochDay(compact.firstEpochDay() + counts.length - 1);
    System.out.println("compact history ends on " + check + " (summary's last point: " + h.get(h.size() - 1).at() + ")");
    Reference.reachabilityFence(service);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
