package org.influencebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.DatasetFileSource;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SampleSource;

/** Everything a run needs, built once from the settings: the source, the analyzer, the service, the limits. */
final class BotContext implements AutoCloseable {
  final Settings settings;
  final Clock clock;
  final ThreadPoolExecutor executor;
  final InfluenceService service;
  final CommandRunner runner;

  private BotContext(Settings settings, Clock clock, ThreadPoolExecutor executor, InfluenceService service,
      CommandRunner runner) {
    this.settings = settings;
    this.clock = clock;
    this.executor = executor;
    this.service = service;
    this.runner = runner;
  }

  static BotContext create(Settings settings) throws ConfigException {
    Clock clock = Clock.systemUTC();
    ThreadPoolExecutor executor = analysisExecutor();
    MetricsSource source = source(settings);
    FakeScorer scorer = new RuleFakeScorer(clock.instant());
    Analyzer analyzer = new Analyzer(scorer, clock);
    String network = settings.optional("source.default_network").orElse(source.name().equals("file") ? "file" : source.name());
    InfluenceService.Options options = new InfluenceService.Options(settings.duration("cache.expire_after"),
        settings.duration("cache.refresh_after"), settings.duration("cache.not_found_for"),
        settings.integer("cache.max_entries"), java.time.Duration.ofDays(7), network);
    InfluenceService service = new InfluenceService(source, analyzer, executor, Ticker.systemTicker(), clock, options);
    RequestLimits limits = new RequestLimits(new RequestLimits.Options(settings.integer("limits.per_user_per_minute"),
        java.time.Duration.ofMinutes(1), settings.integer("limits.per_chat_per_minute"), java.time.Duration.ofMinutes(1),
        settings.duration("limits.refresh_cooldown")), Ticker.systemTicker());
    return new BotContext(settings, clock, executor, service, new CommandRunner(service, limits));
  }

  static MetricsSource source(Settings settings) throws ConfigException {
    String name = settings.string("source.default");
    switch (name) {
      case "sample":
        return new SampleSource();
      case "file":
        Path file = settings.path("source.file");
        try {
          return DatasetFileSource.open(file);
        } catch (DatasetFileSource.DatasetException e) {
          throw new ConfigException("'source.file': " + e.getMessage());
        }
      default:
        throw new ConfigException("'source.default' is " + name + ", which this build does not support yet. "
            + "Use sample or file.");
    }
  }

  /** The service's own bounded pool: analysis never runs on a platform's thread. */
  static ThreadPoolExecutor analysisExecutor() {
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1000), r -> {
          Thread t = new Thread(r, "analysis-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
