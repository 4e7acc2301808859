package org.influencebot.bench;

import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.model.FakeModel;
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
 * Single-thread throughput of the shipped fake-account model on 1024 varied accounts (full Twitter
 * profiles, Bluesky-like without likes and lists, Instagram-like with counts only).
 * Run: {@code mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar ClassifyBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ClassifyBenchmark {
  private FakeModel model;
  private Account[] accounts;
  private int next;

  @Setup
  public void setUp() {
    model = FakeModel.loadDefault();
    Random r = new Random(1);
    accounts = new Account[1024];
    Instant observed = Instant.parse("2025-01-01T00:00:00Z");
    for (int i = 0; i < accounts.length; i++) {
      Account.Builder b = Account.builder("user" + i).network("twitter")
          .followers((long) Math.exp(r.nextDouble() * 10)).following((long) Math.exp(r.nextDouble() * 8))
          .posts((long) Math.exp(r.nextDouble() * 10)).hasAvatar(r.nextBoolean());
      switch (i % 3) {
        case 0 -> b.likes((long) Math.exp(r.nextDouble() * 8)).listed(r.nextInt(20))
            .createdAt(observed.minusSeconds(86_400L * (1 + r.nextInt(4000)))).observedAt(observed).bio("bio " + i);
        case 1 -> b.createdAt(observed.minusSeconds(86_400L * (1 + r.nextInt(4000)))).observedAt(observed);
        default -> { }
      }
      accounts[i] = b.build();
    }
  }

  /** The full assessment: probability, verdict and up to three drivers. */
  @Benchmark
  public FakeAssessment assess() {
    Account a = accounts[next++ & 1023];
    return model.assess(a, 1_735_689_600L);
  }

  /** The probability alone (no result object). */
  @Benchmark
  public double probability() {
    Account a = accounts[next++ & 1023];
    return model.probability(a, 1_735_689_600L);
  }
}
