package org.influencebot.bench;

import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.quantify.ShareEstimators;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.text.Messages;

/**
 * In-process cost of getting ready, in a fresh JVM (run it several times): loading the shipped model,
 * building the sample source and the service (as the app's {@code BotContext} does for {@code source: sample}),
 * the first summary of {@code @mid_creator}, and rendering it as text; then the same summary again (cached).
 * Run: {@code for i in 1 2 3 4 5; do java -cp bench/target/benchmarks.jar org.influencebot.bench.StartupProbe; done}
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    long jvmUptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
    Clock clock = Clock.systemUTC();
    FakeModel model = FakeModel.loadDefault();
    long t1 = System.nanoTime();
    SampleSource source = new SampleSource();
    long t2 = System.nanoTime();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
    InfluenceService service = new InfluenceService(source, new Analyzer(model, ShareEstimators.defaultEstimator(), clock), executor,
        Ticker.systemTicker(), clock, InfluenceService.Options.defaults());
    long t3 = System.nanoTime();
    Lookup first = service.summary(HandleParser.parse("@mid_creator")).join();
    long t4 = System.nanoTime();
    Messages m = Messages.english();
    String text = new PlainTextRenderer(clock).render(new Reply.SummaryReply(first, Reply.Focus.INFLUENCE, false), m);
    long t5 = System.nanoTime();
    Lookup again = service.summary(HandleParser.parse("@mid_creator")).join();
    long t6 = System.nanoTime();
    executor.shutdown();
    if (text.isEmpty() || !again.fromCache()) {
      throw new IllegalStateException("unexpected reply");
    }
    System.out.printf(java.util.Locale.ROOT,
        "jvm-to-main %d ms | model %.1f ms | sample source %.1f ms | service %.1f ms | first summary %.1f ms"
            + " | text render %.1f ms | ready total %.1f ms | cached again %.3f ms%n",
        jvmUptimeAtMain, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), ms(t5 - t0), ms(t6 - t5));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
