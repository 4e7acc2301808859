package org.influencebot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.GrowthAnomaly;
import org.influencebot.core.analysis.GrowthAnomalyDetector;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.model.FakeModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where {@link AnalyzeBenchmark}'s time goes, part by part, on the same input (seed 9): the follower
 * audit's 1000 assessments, the 260 distinct engagers' assessments, the growth-anomaly detector on 365 days;
 * and the cost of {@code Math.log1p} (not a JIT intrinsic: it runs {@code StrictMath.log1p}) against
 * {@code Math.log(1 + x)} (an intrinsic), the function {@code Feature.extract} calls ten times per account.
 * Run: {@code java -jar bench/target/benchmarks.jar AnalyzePartsBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AnalyzePartsBenchmark {
  private FakeModel model;
  private Account account;
  private double[] xs;
  private List<Account> distinctEngagers;

  @Setup
  public void setUp() {
    model = FakeModel.loadDefault();
    account = BenchAccounts.creator(new Random(9), "bench_creator", 1000, 365, 100);
    distinctEngagers = account.engagerSample().subList(0, 260); // BenchAccounts.engagers lists the pool first
    Random r = new Random(3);
    xs = new double[1024];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = Math.floor(Math.exp(r.nextDouble() * 10)); // counts, as the features see them
    }
  }

  /** The follower audit's scoring: one assessment per follower in the 1000-follower sample. */
  @Benchmark
  public int auditAssessments() {
    int fake = 0;
    for (Account f : account.followerSample()) {
      FakeAssessment a = model.assess(f);
      if (a.enoughEvidence() && a.looksFake()) {
        fake++;
      }
    }
    return fake;
  }

  /** The amplification check's scoring: one assessment per distinct engager (260 of the 400 interactions). */
  @Benchmark
  public int engagerAssessments() {
    int fake = 0;
    for (Account f : distinctEngagers) {
      if (model.assess(f).looksFake()) {
        fake++;
      }
    }
    return fake;
  }

  @Benchmark
  public List<GrowthAnomaly> growthAnomalies() {
    return GrowthAnomalyDetector.detect(account.followerHistory());
  }

  @Benchmark
  @OperationsPerInvocation(1024)
  public void log1p(Blackhole bh) {
    for (double x : xs) {
      bh.consume(Math.log1p(x));
    }
  }

  @Benchmark
  @OperationsPerInvocation(1024)
  public void logOnePlus(Blackhole bh) {
    for (double x : xs) {
      bh.consume(Math.log(1 + x));
    }
  }
}
