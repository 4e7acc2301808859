package org.influencebot.discord;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.influencebot.bench.BenchAccounts;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.Button;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Messages;
import org.influencebot.telegram.TelegramHtml;
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
 * One summary (365 days of history, 1000 followers) as each platform shows it, chart excluded (it is
 * drawn once per summary and language, {@code RenderBenchmark.summaryChart}): the Discord message (embed
 * and buttons) and the Telegram caption (HTML within 1,024 characters), in English, as the adapters
 * render them for every reply. In the {@code discord} package to reach the adapter's renderer, which the
 * module keeps package-private.
 * Run: {@code java -jar bench/target/benchmarks.jar PlatformRenderBenchmark -f 1 -wi 3 -i 5 -t 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class PlatformRenderBenchmark {
  private Messages messages;
  private DiscordEmbeds embeds;
  private TelegramHtml html;
  private Button.Codec buttons;
  private Reply reply;
  private Reply detailed;
  private Clock clock;

  @Setup
  public void setUp() {
    clock = Clock.fixed(BenchAccounts.OBSERVED, ZoneOffset.UTC);
    Analyzer analyzer = new Analyzer(FakeModel.loadDefault(), ShareEstimators.defaultEstimator(), clock);
    Lookup lookup = new Lookup(analyzer.analyze(Handle.of("sample", "bench_creator"),
        BenchAccounts.creator(new Random(9), "bench_creator", 1000, 365, 100), "sample"), true, false, Optional.empty());
    reply = new Reply.SummaryReply(lookup, Reply.Focus.INFLUENCE, false);
    detailed = new Reply.SummaryReply(lookup, Reply.Focus.INFLUENCE, true);
    messages = Messages.english();
    embeds = new DiscordEmbeds(clock, s -> Optional.empty());
    html = new TelegramHtml(clock);
    buttons = new Button.Codec();
  }

  /** A summary asked again: its embed is kept by the renderer (issue 22, item 24), only the message is built. */
  @Benchmark
  public DiscordMessage discordEmbed() {
    return embeds.render(reply, messages.dialect("discord"), buttons);
  }

  /** A summary's first answer: a renderer that has kept nothing lays the embed out (its cache made too). */
  @Benchmark
  public DiscordMessage discordEmbedFirst() {
    return new DiscordEmbeds(clock, s -> Optional.empty()).render(reply, messages.dialect("discord"), buttons);
  }

  @Benchmark
  public DiscordMessage discordEmbedDetails() {
    return embeds.render(detailed, messages.dialect("discord"), buttons);
  }

  @Benchmark
  public String telegramCaption() {
    return html.caption(reply, messages.dialect("telegram"));
  }

  @Benchmark
  public String telegramCaptionDetails() {
    return html.caption(detailed, messages.dialect("telegram"));
  }
}
