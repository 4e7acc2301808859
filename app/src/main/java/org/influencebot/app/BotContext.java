package org.influencebot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.influencebot.core.settings.ScopeSettings;
import org.influencebot.core.settings.SettingRules;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
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
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.quantify.Yardsticks;
import org.influencebot.core.reference.ReferenceDirectory;
import org.influencebot.core.reference.References;
import org.influencebot.core.reference.SampleReference;
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
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BotContext.class);
  final Settings settings;
  final Clock clock;
  final ThreadPoolExecutor executor;
  final InfluenceService service;
  final CommandRunner runner;
  /** The charts drawn for replies, kept once for every platform. */
  final ChartCache charts = ChartCache.standard();
  final Store store;
  final Instant started;
  /** The link to Redis when the processes share their cache and limits ({@code redis.url}). */
  final Optional<RedisLink> redis;
  /** The limits' buckets: in Redis for every process when {@link #redis} is set, else this process's. */
  final Buckets buckets;
  /** What each network's audiences are measured against. */
  final Yardsticks yardsticks;
  /**
   * What the platforms see of their communities' members (joins, leaves, activity), written to the member log off
   * their event threads; {@code /members} audits read it.
   */
  final org.influencebot.core.members.MemberWatch members;
  /** Lines the running platform bots add to {@code /debug} (Telegram's outgoing queue). */
  final java.util.List<java.util.function.Supplier<String>> platformStatus =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The reference samples this bot draws itself ({@code audit.reference_draw}), kept in the store. */
  private volatile org.influencebot.core.reference.DrawnReferences drawn =
      new org.influencebot.core.reference.DrawnReferences(java.util.List.of(),
          org.influencebot.core.reference.ReferenceKeeper.none(), Clock.systemUTC(), (task, delay) -> { },
          org.influencebot.core.reference.DrawnReferences.Options.refreshEvery(Duration.ofDays(7)));

  private BotContext(Settings settings, Clock clock, ThreadPoolExecutor executor, InfluenceService service,
      RequestLimits limits, Store store, Optional<RedisLink> redis, Buckets buckets, Yardsticks yardsticks) {
    this.yardsticks = yardsticks;
    this.redis = redis;
    this.buckets = buckets;
    this.store = store;
    this.started = clock.instant();
    this.settings = settings;
    this.clock = clock;
    this.executor = executor;
    this.service = service;
    this.runner = new CommandRunner(service, limits,
        // Chats' rules from memory, so that no answer (no Discord acknowledgement) waits for the store.
        org.influencebot.core.command.RememberedRules.of(new StoreCommunity(store), executor),
        () -> DebugReport.of(this));
    // The store's member log (joins, leaves, activity, audits kept across restarts, store.member_retention).
    this.members = new org.influencebot.core.members.MemberWatch(store.members());
    runner.auditMembersWith(org.influencebot.core.members.MemberAudits.of(members.log(), clock));
  }

  static BotContext create(Settings settings) throws ConfigException {
    Clock clock = Clock.systemUTC();
    ThreadPoolExecutor executor = analysisExecutor();
    ThreadPoolExecutor io = ioExecutor();
    Optional<RedisLink> redis = settings.optional("redis.url").map(url -> RedisLink.connect(url,
        settings.optional("redis.password"), settings.duration("redis.timeout"), settings.duration("redis.retry_after")));
    // The start waits for Redis at most redis.timeout (so that the first answers are already shared); later
    // connection attempts happen in the background, and no caller ever waits for one.
    redis.ifPresent(link -> link.awaitConnected(settings.duration("redis.timeout")));
    Buckets buckets = buckets(redis);
    MetricsSource source = source(settings, io, buckets);
    FakeScorer scorer = FakeModel.loadDefault();
    // The folder is read (and refused with a sentence) before anything is opened.
    References folder = folder(settings);
    String network = defaultNetwork(settings);
    InfluenceService.Options options = new InfluenceService.Options(settings.duration("cache.expire_after"),
        settings.duration("cache.refresh_after"), settings.duration("cache.not_found_for"),
        settings.integer("cache.max_entries"), java.time.Duration.ofDays(7), network);
    Store store;
    try {
      store = openStore(settings, clock);
    } catch (ConfigException e) {
      redis.ifPresent(RedisLink::close);
      throw e;
    }
    org.influencebot.core.reference.DrawnReferences drawn;
    Yardsticks yardsticks;
    try {
      drawn = ReferenceDraws.start(settings, io, store.references(), clock);
      yardsticks = Yardsticks.shipped(References.firstOf(List.of(folder, drawn, SampleReference.INSTANCE)));
    } catch (ConfigException | RuntimeException e) {
      store.close();
      redis.ifPresent(RedisLink::close);
      throw e;
    }
    Analyzer analyzer = new Analyzer(scorer, yardsticks, clock);
    SharedSummaries shared = redis.<SharedSummaries>map(RedisSummaries::new).orElse(SharedSummaries.none());
    InfluenceService service = new InfluenceService(source, analyzer, executor, Ticker.systemTicker(), clock, options,
        new StoredScoreHistory(store.history()), shared);
    RequestLimits limits = new RequestLimits(new RequestLimits.Options(settings.integer("limits.per_user_per_minute"),
        java.time.Duration.ofMinutes(1), settings.integer("limits.per_chat_per_minute"), java.time.Duration.ofMinutes(1),
        settings.duration("limits.refresh_cooldown")), buckets);
    BotContext context = new BotContext(settings, clock, executor, service, limits, store, redis, buckets, yardsticks);
    context.drawn = drawn;
    return context;
  }

  /**
   * What each network's audiences are measured against, first found first: the moderator's folder ({@code
   * audit.reference_dir}), the references the bot draws itself ({@code drawn}), the built-in sample network's
   * synthetic reference.
   */
  static References references(Settings settings, References drawn) throws ConfigException {
    return References.firstOf(List.of(folder(settings), drawn, SampleReference.INSTANCE));
  }

  /** The moderator's folder of references ({@code audit.reference_dir}), read once; none when not set. */
  static References folder(Settings settings) throws ConfigException {
    Optional<java.nio.file.Path> dir = settings.optional("audit.reference_dir").map(java.nio.file.Path::of);
    if (dir.isEmpty()) {
      return References.none();
    }
    try {
      ReferenceDirectory d = ReferenceDirectory.read(dir.get());
      d.warnings().forEach(w -> LOG.warn("audit.reference_dir: {}", w));
      return d;
    } catch (ReferenceDirectory.ReferenceException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * The references the bot draws itself (Bluesky relay, Mastodon directory, the HTTP source's
   * {@code /reference/{network}}), as configured by {@code audit.reference_draw}: answered from memory,
   * drawn and refreshed on their own background thread.
   */
  org.influencebot.core.reference.References drawnReferences() {
    return drawn;
  }

  /** The buckets every process shares (in Redis), when there are several; empty for a process alone. */
  Optional<Buckets> sharedBuckets() {
    return redis.map(link -> buckets);
  }

  /**
   * The limits' and budgets' buckets: in this process, or in Redis for all processes (each process
   * keeping its own while Redis does not answer).
   */
  static Buckets buckets(Optional<RedisLink> redis) {
    LocalBuckets local = new LocalBuckets(Ticker.systemTicker(), 300_000);
    return redis.<Buckets>map(link -> new RedisBuckets(link, local, TimeMeter.SYSTEM_MILLISECONDS)).orElse(local);
  }

  /**
   * The store's rules, retention (the member log's: {@code store.member_retention}), SQLite busy timeout and
   * PostgreSQL pool, as configured. No settings
   * cache in the store: the bot remembers chats' rules once, in {@link
   * org.influencebot.core.command.RememberedRules} (10 s), and a second cache under it would add its
   * own 5 s to the time another process's change takes to show.
   */
  static StoreOptions storeOptions(Settings settings, Clock clock) throws ConfigException {
    StoreOptions standard = StoreOptions.standard(clock);
    return new StoreOptions(clock, settingRules(settings),
        standard.retention().withMemberRetention(settings.duration("store.member_retention")),
        settings.duration("store.busy_timeout"),
        java.time.Duration.ZERO, standard.settingsTicker(), settings.integer("store.pool_size"));
  }

  /** The SQLite file in the data folder, or PostgreSQL when a JDBC URL is configured. */
  static Store openStore(Settings settings, Clock clock) throws ConfigException {
    StoreLocation location = settings.optional("store.jdbc_url")
        .<StoreLocation>map(url -> new StoreLocation.PostgresDatabase(url, settings.string("store.user"),
            settings.string("store.password")))
        .orElseGet(() -> new StoreLocation.SqliteFile(settings.path("data_dir")));
    try {
      return Store.open(location, storeOptions(settings, clock));
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
    Duration timeout = settings.duration("source.timeout");
    HttpUrl blueskyUrl = url(settings, "source.bluesky.base_url");
    Optional<HttpUrl> mastodonUrl = optionalUrl(settings, "source.mastodon.base_url");
    Optional<HttpUrl> httpUrl = optionalUrl(settings, "source.http.base_url");
    // Hosts the operator configured are theirs to choose; every other name must resolve to a public address.
    Set<String> configured = new HashSet<>();
    configured.add(blueskyUrl.host());
    mastodonUrl.ifPresent(u -> configured.add(u.host()));
    httpUrl.ifPresent(u -> configured.add(u.host()));
    OkHttpClient client = SourceHttpClient.create(new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), timeout),
        configured);
    SourceRuntime runtime = SourceRuntime.production(client, io, timeout);
    int followers = settings.integer("source.max_followers");
    int posts = settings.integer("source.max_posts");
    int deep = settings.integer("source.deep_follower_requests");
    BlueskyOptions bluesky = BlueskyOptions.defaults().withBaseUrl(blueskyUrl).withSample(posts, followers)
        .withDeepFollowerRequests(deep);
    MastodonOptions mastodon = new MastodonOptions(settings.string("source.mastodon.default_instance"), mastodonUrl,
        0, 0, 0, 0, deep, HttpCallPolicy.defaults()).withSample(posts, followers);
    // A safety net under the servers' own rate-limit headers: each lookup pays its most requests up front.
    int blueskyCost = bluesky.requestsPerLookup();
    MetricsSource blueskySource = new SourceBudget(new BlueskySource(bluesky, runtime),
        Math.max(blueskyCost, settings.integer("source.bluesky.requests_per_5min")), Duration.ofMinutes(5), blueskyCost,
        h -> "appview", buckets);
    int mastodonCost = mastodon.requestsPerLookup();
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
        HttpSourceOptions options = HttpSourceOptions.of(httpUrl.orElseThrow(() -> new ConfigException(
            "'source.default' is http, so 'source.http.base_url' must give your metrics service's URL.")));
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

  /**
   * The network of a handle typed without one: {@code source.default_network}, else that of
   * {@code source.default}; an HTTP source is asked such handles as network {@code any}.
   */
  static String defaultNetwork(Settings settings) {
    String source = settings.string("source.default");
    return settings.optional("source.default_network")
        .orElse(source.equals("http") ? HttpSource.ANY_NETWORK : source);
  }

  /** The store's rules with the configured default network and source as every scope's default. */
  static SettingRules settingRules(Settings settings) throws ConfigException {
    String network = defaultNetwork(settings);
    SettingRules standard = SettingRules.standard();
    Set<String> networks = new HashSet<>(standard.networks());
    if (network.equals(HttpSource.ANY_NETWORK)) {
      networks.add(network);
    }
    ScopeSettings d = standard.defaults();
    try {
      return new SettingRules(networks, standard.commands(), standard.maxCooldown(),
          new ScopeSettings(d.language(), d.privateReplies(), d.answerChannels(), d.cooldown(), network,
              d.enabledCommands()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("'source.default_network' cannot be used: " + e.getMessage());
    }
  }

  /** The URL setting {@code key}, refused with a sentence when it is missing or not a URL. */
  static HttpUrl url(Settings settings, String key) throws ConfigException {
    return optionalUrl(settings, key).orElseThrow(() -> new ConfigException("'" + key + "' must give a URL."));
  }

  /** The URL setting {@code key} when set, refused with a sentence when it is not a URL. */
  static Optional<HttpUrl> optionalUrl(Settings settings, String key) throws ConfigException {
    Optional<String> v = settings.optional(key);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    HttpUrl url = HttpUrl.parse(v.get());
    if (url == null) {
      throw new ConfigException("'" + key + "' must be an http or https URL such as https://example.org/.");
    }
    return Optional.of(url);
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
    members.close();
    drawn.close();
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
