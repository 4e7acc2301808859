package org.influencebot.core.service;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SourceException;

/**
 * Handle → summary, shared by every platform. Summaries are cached (Caffeine, asynchronous): one
 * computation per handle however many ask at once; refreshed in the background after
 * {@code refreshAfter} while the old one is served; expired after {@code expireAfter}; "not found"
 * remembered briefly; and when the source fails, the last good summary is served, marked stale.
 *
 * <p>Behind this first level may sit a {@link SharedSummaries} second level that every process of the
 * bot reads and writes (Redis): a summary one process computed is served by the others. Ages and
 * refreshes follow the summary's own computed time, not the time this process happened to load it.
 */
public final class InfluenceService {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InfluenceService.class);
  /** Cache tuning. */
  public record Options(Duration expireAfter, Duration refreshAfter, Duration notFoundFor, long maxEntries,
      Duration keepStaleFor, String defaultNetwork) {
    public static Options defaults() {
      return new Options(Duration.ofHours(6), Duration.ofHours(1), Duration.ofMinutes(5), 10_000,
          Duration.ofDays(7), "sample");
    }
  }

  /** What the cache holds for a handle: a summary, or the source's "no such account". */
  private sealed interface Outcome permits Found, NotFound {}

  /** @param shared whether it came from the second level (computed by another process, or before) */
  private record Found(Summary summary, boolean shared) implements Outcome {}

  private record NotFound(AccountNotFoundException cause) implements Outcome {}

  private final MetricsSource source;
  private final Analyzer analyzer;
  private final Executor executor;
  private final Clock clock;
  private final Options options;
  private final AsyncLoadingCache<Handle, Outcome> cache;
  private final Cache<Handle, Summary> lastGood;
  private final ScoreHistory history;
  private final SharedSummaries shared;
  private final LongAdder sharedHits = new LongAdder();
  private final LongAdder sharedMisses = new LongAdder();

  public InfluenceService(MetricsSource source, Analyzer analyzer, Executor executor, Ticker ticker, Clock clock,
      Options options) {
    this(source, analyzer, executor, ticker, clock, options, ScoreHistory.none());
  }

  public InfluenceService(MetricsSource source, Analyzer analyzer, Executor executor, Ticker ticker, Clock clock,
      Options options, ScoreHistory history) {
    this(source, analyzer, executor, ticker, clock, options, history, SharedSummaries.none());
  }

  /** As above, with a second cache level shared by every process. */
  public InfluenceService(MetricsSource source, Analyzer analyzer, Executor executor, Ticker ticker, Clock clock,
      Options options, ScoreHistory history, SharedSummaries shared) {
    this.history = history;
    this.shared = shared;
    this.source = source;
    this.analyzer = analyzer;
    this.executor = executor;
    this.clock = clock;
    this.options = options;
    this.cache = Caffeine.newBuilder()
        .maximumSize(options.maxEntries())
        .expireAfter(new Expiry<Handle, Outcome>() {
          @Override
          public long expireAfterCreate(Handle key, Outcome value, long currentTime) {
            if (value instanceof Found found) {
              // A summary from the second level is already some minutes old: it expires when it would have.
              return Math.max(1, options.expireAfter().minus(age(found.summary())).toNanos());
            }
            return options.notFoundFor().toNanos();
          }

          @Override
          public long expireAfterUpdate(Handle key, Outcome value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
          }

          @Override
          public long expireAfterRead(Handle key, Outcome value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .refreshAfterWrite(options.refreshAfter())
        // Cache upkeep runs on the caller: handing it to the pool cost a thread wake-up on every hit
        // (p99 11 µs, docs/performance.md). Loads still run their analysis on the pool (see load).
        .executor(Runnable::run)
        .ticker(ticker)
        .recordStats()
        .buildAsync(new AsyncCacheLoader<Handle, Outcome>() {
          @Override
          public CompletableFuture<Outcome> asyncLoad(Handle key, Executor exec) {
            // Anything the second level still holds is served (and refreshed in the background if old).
            return load(key, options.expireAfter());
          }

          @Override
          public CompletableFuture<Outcome> asyncReload(Handle key, Outcome old, Executor exec) {
            // A refresh takes another process's summary only when it is younger than a refresh.
            return load(key, options.refreshAfter());
          }
        });
    this.lastGood = Caffeine.newBuilder()
        .maximumSize(options.maxEntries())
        .expireAfterWrite(options.keepStaleFor())
        .ticker(ticker)
        .build();
  }

  public MetricsSource source() {
    return source;
  }

  public Analyzer analyzer() {
    return analyzer;
  }

  public Options options() {
    return options;
  }

  /** The handle as the cache knows it: on a network, case folded. */
  public Handle normalize(Handle handle) {
    Handle on = handle.orOn(options.defaultNetwork());
    return Handle.of(on.network().orElseThrow(), on.name().toLowerCase(Locale.ROOT));
  }

  private Duration age(Summary summary) {
    Duration age = Duration.between(summary.computedAt(), clock.instant());
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** From the second level when it holds a summary younger than {@code youngerThan}, else computed. */
  private CompletableFuture<Outcome> load(Handle key, Duration youngerThan) {
    Function<Optional<Summary>, CompletableFuture<Outcome>> use = found -> {
      if (found.isPresent() && age(found.get()).compareTo(youngerThan) < 0) {
        sharedHits.increment();
        lastGood.put(key, found.get());
        return CompletableFuture.completedFuture(new Found(found.get(), true));
      }
      sharedMisses.increment();
      return compute(key);
    };
    CompletableFuture<Optional<Summary>> fromShared = shared.get(key);
    if (fromShared.isDone()) {
      return fromShared.thenCompose(use);
    }
    // The answer arrives on the second level's I/O thread: a computation (whose source budget may itself
    // wait on that level) must not run there.
    try {
      return fromShared.thenComposeAsync(use, executor).exceptionally(error -> {
        throw unwrap(error) instanceof RejectedExecutionException ? new ServiceBusyException()
            : error instanceof CompletionException ce ? ce : new CompletionException(error);
      });
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ServiceBusyException());
    }
  }

  /** Fetches and analyzes {@code key}, and shares the result with the other processes. */
  private CompletableFuture<Outcome> compute(Handle key) {
    CompletableFuture<Outcome> result;
    try {
      result = source.fetch(key).thenApplyAsync(
          account -> (Outcome) new Found(withHistory(analyzer.analyze(key, account, source.nameFor(key))), false),
          executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ServiceBusyException());
    }
    return result.exceptionally(error -> {
      Throwable cause = unwrap(error);
      if (cause instanceof AccountNotFoundException notFound) {
        return new NotFound(notFound);
      }
      if (cause instanceof RejectedExecutionException) {
        throw new ServiceBusyException();
      }
      throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
    }).whenComplete((outcome, error) -> {
      if (outcome instanceof Found found) {
        lastGood.put(key, found.summary());
        shared.put(key, found.summary(), options.expireAfter());
      }
    });
  }

  /** Appends the new summary to the history and attaches its trend; a failing history never fails a reply. */
  private Summary withHistory(Summary summary) {
    try {
      Summary withTrend = summary.withTrend(history.trend(summary));
      history.record(summary);
      return withTrend;
    } catch (RuntimeException e) {
      LOG.warn("score history unavailable: {}", e.getMessage());
      return summary;
    }
  }

  /**
   * The summary of {@code handle}: from the cache at once when there, else computed. Completes
   * exceptionally with {@link AccountNotFoundException}, {@link SourceException} (only when no earlier
   * summary exists) or {@link ServiceBusyException}.
   */
  public CompletableFuture<Lookup> summary(Handle handle) {
    Handle key = normalize(handle);
    // A peek through the map view does not count as a hit or a miss in the statistics.
    CompletableFuture<Outcome> present = cache.asMap().get(key);
    boolean cached = present != null && present.isDone() && !present.isCompletedExceptionally();
    CompletableFuture<Outcome> future;
    try {
      future = cache.get(key);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new ServiceBusyException());
    }
    return future.handle((outcome, error) -> {
      if (outcome instanceof Found found && age(found.summary()).compareTo(options.refreshAfter()) >= 0) {
        // Loaded from the second level already old: recompute in the background, as for our own.
        cache.synchronous().refresh(key);
      }
      return toLookup(key, outcome, error, cached);
    });
  }

  /**
   * Recomputes {@code handle} now, whatever either cache level holds (the refresh button): computed,
   * then put in place of the old summary on both levels. Not "forget, then look up": a lookup coming
   * between the two would read the old summary back from the second level (its delete is not
   * awaited), and the refresh would return that.
   */
  public CompletableFuture<Lookup> refresh(Handle handle) {
    Handle key = normalize(handle);
    CompletableFuture<Outcome> fresh = compute(key); // shares a summary found with the other processes
    fresh.thenAccept(outcome -> {
      cache.put(key, CompletableFuture.completedFuture(outcome));
      if (outcome instanceof NotFound) {
        shared.invalidate(key);
      }
    });
    return fresh.handle((outcome, error) -> toLookup(key, outcome, error, false));
  }

  /** The summary if it is in the cache right now, for a platform that must answer at once. */
  public Optional<Lookup> cachedNow(Handle handle) {
    Handle key = normalize(handle);
    CompletableFuture<Outcome> present = cache.asMap().get(key);
    if (present == null || !present.isDone() || present.isCompletedExceptionally()) {
      return Optional.empty();
    }
    return present.join() instanceof Found found
        ? Optional.of(new Lookup(found.summary(), true, false, Optional.empty()))
        : Optional.empty();
  }

  private Lookup toLookup(Handle key, Outcome outcome, Throwable error, boolean cached) {
    if (outcome instanceof Found found) {
      return new Lookup(found.summary(), cached || found.shared(), false, Optional.empty());
    }
    if (outcome instanceof NotFound notFound) {
      throw notFound.cause();
    }
    Throwable cause = unwrap(error);
    Summary stale = lastGood.getIfPresent(key);
    if (stale != null && cause instanceof SourceException se) {
      return new Lookup(stale, true, true, Optional.of(se.userMessage()));
    }
    throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
  }

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  public CacheStats stats() {
    return cache.synchronous().stats();
  }

  /** Loads answered by the second level (a summary another process computed), and those it could not answer. */
  public record SharedStats(long hits, long misses) {
    public double hitRate() {
      return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    }
  }

  public SharedStats sharedStats() {
    return new SharedStats(sharedHits.sum(), sharedMisses.sum());
  }

  public long cachedSummaries() {
    return cache.synchronous().estimatedSize();
  }

  public Clock clock() {
    return clock;
  }
}
