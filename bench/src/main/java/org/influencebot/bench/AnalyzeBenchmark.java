package org.influencebot.bench;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full summary ({@link Analyzer#analyze}) of one account: 1000 followers in the sample, 365 days of
 * follower history, 100 original posts, 400 engager interactions. Goal: median under 1 ms on one thread
 * ({@link #analyze}, issue 12's estimator); under 5 ms measured against the network's reference
 * ({@link #analyzeAgainstReference}, the bot's path since issue 21).
 * Run: {@code java -jar bench/target/benchmarks.jar AnalyzeBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AnalyzeBenchmark {
  private Analyzer analyzer;
  /** The bot's analyzer: the sample network's audience measured against its reference (issue 21). */
  private Analyzer againstReference;
  private Account account;
  private Handle handle;

  @Setup
  public void setUp() {
    analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), Clock.fixed(BenchAccounts.OBSERVED, ZoneOffset.UTC));
    againstReference = new Analyzer(FakeModel.loadDefault(),
        org.influencebot.core.quantify.Yardsticks.shipped(org.influencebot.core.reference.SampleReference.INSTANCE),
        Clock.fixed(BenchAccounts.OBSERVED, ZoneOffset.UTC));
    account = BenchAccounts.creator(new Random(9), "bench_creator", 1000, 365, 100);
    handle = Handle.of("sample", "bench_creator");
    if (account.followerSample().size() != 1000 || account.followerHistory().size() != 365
        || account.recentPosts().size() != 100) {
      throw new IllegalStateException("unexpected input shape");
    }
  }

  @Benchmark
  public Summary analyze() {
    return analyzer.analyze(handle, account, "sample");
  }

  /** As the bot runs it: the follower sample measured against the network's reference of 500 accounts. */
  @Benchmark
  public Summary analyzeAgainstReference() {
    return againstReference.analyze(handle, account, "sample");
  }
}
