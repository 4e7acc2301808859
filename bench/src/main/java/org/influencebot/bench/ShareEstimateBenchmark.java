package org.influencebot.bench;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.ClassifyAndCount;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.quantify.ShareEstimator;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.source.SampleAccounts;
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
 * Time to estimate the fake share of a 500-follower sample (30% fake-looking): the shipped quantifying
 * estimator (scores, out-of-distribution distances, 200 bootstrap replicates) against classify-and-count.
 * Run: {@code mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar ShareEstimateBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ShareEstimateBenchmark {
  private ShareEstimator quantifying;
  private ShareEstimator counting;
  private List<Account> sample;

  @Setup
  public void setUp() {
    quantifying = ShareEstimators.defaultEstimator();
    counting = new ClassifyAndCount(FakeModel.loadDefault(), 20);
    sample = SampleAccounts.followers(new Random(1), 500, 0.3);
  }

  @Benchmark
  public ShareEstimate quantify() {
    return quantifying.estimate(sample, SampleAccounts.OBSERVED);
  }

  @Benchmark
  public ShareEstimate classifyAndCount() {
    return counting.estimate(sample, SampleAccounts.OBSERVED);
  }
}
