package org.influencebot.bench;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.chart.Charts;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;
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
 * Rendering one summary (365 days of history): the PNG of {@code /influence} ({@link Charts#summaryChart},
 * here the history chart) and the plain-text reply (short and with details), in English.
 * Run: {@code java -jar bench/target/benchmarks.jar RenderBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RenderBenchmark {
  private Summary summary;
  private Messages messages;
  private PlainTextRenderer text;
  private Reply shortReply;
  private Reply detailedReply;

  @Setup
  public void setUp() {
    Clock clock = Clock.fixed(BenchAccounts.OBSERVED, ZoneOffset.UTC);
    Analyzer analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), clock);
    summary = analyzer.analyze(Handle.of("sample", "bench_creator"),
        BenchAccounts.creator(new Random(9), "bench_creator", 1000, 365, 100), "sample");
    messages = Messages.english();
    text = new PlainTextRenderer(clock);
    Lookup lookup = new Lookup(summary, true, false, Optional.empty());
    shortReply = new Reply.SummaryReply(lookup, Reply.Focus.INFLUENCE, false);
    detailedReply = new Reply.SummaryReply(lookup, Reply.Focus.INFLUENCE, true);
  }

  @Benchmark
  public Optional<byte[]> summaryChart() {
    return Charts.summaryChart(summary, messages);
  }

  @Benchmark
  public String plainText() {
    return text.render(shortReply, messages);
  }

  @Benchmark
  public String plainTextDetails() {
    return text.render(detailedReply, messages);
  }
}
