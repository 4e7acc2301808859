package org.influencebot.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberAuditor;
import org.influencebot.core.members.SyntheticCommunity;
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
 * Time to audit a community of about 100,000 members (an organic burst, a recent and an old bought wave), the
 * community built once from a seed. Run: {@code mvn -pl bench -am package -DskipTests && java -jar
 * bench/target/benchmarks.jar MemberAuditBenchmark -prof gc}. The heap is measured by the harness
 * {@code MemberAuditScaleTest} (docs/performance.md, "Member audits").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx200m"})
@Threads(1)
public class MemberAuditBenchmark {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private SyntheticCommunity.Built community;
  private final MemberAuditor auditor = new MemberAuditor();

  @Setup
  public void setUp() {
    community = SyntheticCommunity.build(11, NOW, 92, 1000, List.of(
        SyntheticCommunity.Burst.organic(12.3, 3000, 180), SyntheticCommunity.Burst.bought(5.6, 2000, 20),
        SyntheticCommunity.Burst.bought(200.2, 3000, 30)));
  }

  @Benchmark
  public MemberAuditReport audit100k() {
    return auditor.audit(community.members(), NOW);
  }
}
