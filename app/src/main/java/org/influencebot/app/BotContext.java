package org.influencebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.influencebot.core.source.SourceRouter;
import org.influencebot.core.source.bluesky.BlueskyOptions;
import org.influencebot.core.source.bluesky.BlueskySource;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.HttpSource;
import org.influencebot.core.source.http.HttpSourceOptions;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.SourceHttpClient;
import org.influencebot.core.source.http.SourceRuntime;
import org.influencebot.core.source.mastodon.MastodonOptions;
import org.influencebot.core.source.mastodon.MastodonSource;
import java.time.Clock;
import java.time.Instant;
import org.influencebot.store.SettingRules;
import org.influencebot.store.Store;
import org.influencebot.store.StoreException;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.influencebot.store.StoredScoreHistory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.fake.model.FakeModel;
import io.github.bucket4j.TimeMeter;
import org.influencebot.core.limit.Buckets;
import org.influencebot.core.limit.LocalBuckets;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.SharedSummaries;
import org.influencebot.redis.RedisBuckets;
import org.influencebot.redis.RedisLink;
import org.influencebot.redis.RedisSummaries;
import org.influencebot.core.limit.SourceBudget;
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
  final Store store;
  final Instant started;
  /** The link to Redis when the processes share their cache and limits ({@code redis.url}). */
  final Optional<RedisLink> redis;

  private BotContext(Settings settings, Clock clock, ThreadPoolExecutor executor, InfluenceService service,
      CommandRunner runner, Store store, Optional<RedisLink> redis) {
    this.redis = redis;
    this.store = store;
    this.started = clock.instant();
    this.settings = settings;
    this.clock = clock;
    this.executor = executor;
    this.service = service;
    this.runner = runner;
  }

  static BotContext create(Settings settings) throws ConfigException {
    Clock clock = Clock.systemUTC();
    ThreadPoolExecutor executor = analysisExecutor();
    ThreadPoolExecutor io = ioExecutor();
    Optional<RedisLink> redis = settings.optional("redis.url").map(url -> RedisLink.connect(url,
        settings.optional("redis.password"), settings.duration("redis.timeout"), settings.duration("redis.retry_after")));
    Buckets buckets = buckets(redis);
    MetricsSource source = source(settings, io, buckets);
    FakeScorer scorer = FakeModel.loadDefault();
    Analyzer analyzer = new Analyzer(scorer, clock);
    String network = settings.optional("source.default_network").orElse(settings.string("source.default"));
    InfluenceService.Options options = new InfluenceService.Options(settings.duration("cache.expire_after"),
        settings.duration("cache.refresh_after"), settings.duration("cache.not_found_for"),
        settings.integer("cache.max_entries"), java.time.Duration.ofDays(7), network);
    Store store;
    try {
      store = openStore(settings, clock, network);
    } catch (ConfigException e) {
      redis.ifPresent(RedisLink::close);
      throw e;
    }
    SharedSummaries shared = redis.<SharedSummaries>map(RedisSummaries::new).orElse(SharedSummaries.none());
    InfluenceService service = new InfluenceService(source, analyzer, executor, Ticker.systemTicker(), clock, options,
        new StoredScoreHistory(store.history()), shared);
    RequestLimits limits = new RequestLimits(new RequestLimits.Options(settings.integer("limits.per_user_per_minute"),
        java.time.Duration.ofMinutes(1), settings.integer("limits.per_chat_per_minute"), java.time.Duration.ofMinutes(1),
        settings.duration("limits.refresh_cooldown")), buckets);
    return new BotContext(settings, clock, executor, service, new CommandRunner(service, limits), store, redis);
  }

  /**
   * The limits' and budgets' buckets: in this process, or in Redis for all processes (each process
   * keeping its own while Redis does not answer).
   */
  static Buckets buckets(Optional<RedisLink> redis) {
    LocalBuckets local = new LocalBuckets(Ticker.systemTicker(), 300_000);
    return redis.<Buckets>map(link -> new RedisBuckets(link, local, TimeMeter.SYSTEM_MILLISECONDS)).orElse(local);
  }

  /** The SQLite file in the data folder, or PostgreSQL when a JDBC URL is configured. */
  static Store openStore(Settings settings, Clock clock, String network) throws ConfigException {
    StoreLocation location = settings.optional("store.jdbc_url")
        .<StoreLocation>map(url -> new StoreLocation.PostgresDatabase(url, settings.string("store.user"),
            settings.string("store.password")))
        .orElseGet(() -> new StoreLocation.SqliteFile(settings.path("data_dir")));
    try {
      StoreOptions standard = StoreOptions.standard(clock);
      return Store.open(location, new StoreOptions(clock,
          SettingRules.standard(network, settings.string("source.default")), standard.retention()));
    } catch (StoreException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * The moderator's default source, with Bluesky and Mastodon handles always routed to their public
   * APIs. Blocking HTTP runs on the given pool, never on a platform thread.
   */
  static MetricsSource source(Settings settings, Executor io) throws ConfigException {
    return source(settings, io, buckets(Optional.empty()));
  }

  /** As above, with the sources' budgets held in {@code buckets}. */
  static MetricsSource source(Settings settings, Executor io, Buckets buckets) throws ConfigException {
    OkHttpClient client = SourceHttpClient.create(new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
        settings.duration("source.timeout")));
    SourceRuntime runtime = SourceRuntime.production(client, io);
    int followers = settings.integer("source.max_followers");
    int posts = settings.integer("source.max_posts");
    BlueskyOptions bluesky = BlueskyOptions.defaults().withBaseUrl(url(settings, "source.bluesky.base_url"))
        .withBudgets(posts, pages(posts, 100), followers, pages(followers, 100));
    MastodonOptions mastodon = new MastodonOptions(settings.string("source.mastodon.default_instance"),
        settings.optional("source.mastodon.base_url").map(v -> url(settings, "source.mastodon.base_url")),
        posts, pages(posts, 40), followers, pages(followers, 80), HttpCallPolicy.defaults());
    // Each lookup is paid for before it is sent, so the bot stays within the sources' published quotas.
    int blueskyCost = 1 + bluesky.maxPostPages() + bluesky.maxFollowerPages() + pages(followers, 25);
    MetricsSource blueskySource = new SourceBudget(new BlueskySource(bluesky, runtime),
        Math.max(blueskyCost, settings.integer("source.bluesky.requests_per_5min")), Duration.ofMinutes(5), blueskyCost,
        h -> "appview", buckets);
    int mastodonCost = 1 + mastodon.maxPostPages() + mastodon.maxFollowerPages();
    String instance = mastodon.defaultInstance();
    MetricsSource mastodonSource = new SourceBudget(new MastodonSource(mastodon, runtime),
        Math.max(mastodonCost, settings.integer("source.mastodon.requests_per_5min")), Duration.ofMinutes(5),
        mastodonCost, h -> h.name().contains("@") ? h.name().substring(h.name().indexOf('@') + 1) : instance,
        buckets);
    MetricsSource fallback;
    String name = settings.string("source.default");
    switch (name) {
      case "sample" -> fallback = new SampleSource();
      case "file" -> {
        Path file = settings.path("source.file");
        try {
          fallback = DatasetFileSource.open(file);
        } catch (DatasetFileSource.DatasetException e) {
          throw new ConfigException("'source.file': " + e.getMessage());
        }
      }
      case "http" -> {
        HttpSourceOptions options = HttpSourceOptions.of(url(settings, "source.http.base_url"));
        Optional<String> env = settings.optional("source.http.auth_header_env");
        if (env.isPresent()) {
          options = options.withAuthEnvVar(env.get());
          String value = Launch.environment().get(env.get());
          if (value == null || value.isBlank()) {
            throw new ConfigException("'source.http.auth_header_env' names the environment variable " + env.get()
                + ", which is not set. Set it to the Authorization header value your metrics service expects.");
          }
        }
        fallback = HttpSource.fromEnvironment(options, Launch.environment(), runtime);
      }
      case "bluesky" -> fallback = blueskySource;
      case "mastodon" -> fallback = mastodonSource;
      default -> throw new ConfigException("'source.default' is " + name + ": use sample, file, http, bluesky or mastodon.");
    }
    return new SourceRouter(Map.of("bluesky", blueskySource, "mastodon", mastodonSource), fallback,
        settings.optional("source.default_network"));
  }

  private static int pages(int items, int perPage) {
    return Math.max(1, (items + perPage - 1) / perPage);
  }

  private static HttpUrl url(Settings settings, String key) {
    return HttpUrl.get(settings.string(key));
  }

  /** The pool for blocking source calls (HTTP), bounded. */
  static ThreadPoolExecutor ioExecutor() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000), r -> {
      Thread t = new Thread(r, "source-io-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
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
    store.close();
    redis.ifPresent(RedisLink::close);
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
