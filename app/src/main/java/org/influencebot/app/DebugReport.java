package org.influencebot.app;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.store.StoreStatistics;

/**
 * What the owner-only debug command prints on every platform: versions, the effective configuration
 * with secrets hidden, cache and store statistics, uptime. Bug reports ask for it.
 */
final class DebugReport {
  private DebugReport() {}

  /** The cache statistics in one line: also logged every 15 minutes while the bots run. */
  static String cacheLine(BotContext context) {
    CacheStats stats = context.service.stats();
    return String.format(java.util.Locale.ROOT,
        "cache: %d summaries, %d hits, %d misses (hit rate %.0f%%), %d loads failed, mean load %.1f ms, %d evictions",
        context.service.cachedSummaries(), stats.hitCount(), stats.missCount(), 100 * stats.hitRate(),
        stats.loadFailureCount(), stats.averageLoadPenalty() / 1e6, stats.evictionCount())
        + context.redis.map(redis -> sharedLine(context)).orElse("");
  }

  /** What the second level (Redis) answered: summaries another process computed, and misses. */
  private static String sharedLine(BotContext context) {
    InfluenceService.SharedStats shared = context.service.sharedStats();
    return String.format(java.util.Locale.ROOT, "; shared cache: %d hits, %d misses (hit rate %.0f%%)",
        shared.hits(), shared.misses(), 100 * shared.hitRate());
  }

  static String of(BotContext context) {
    List<String> lines = new ArrayList<>();
    lines.add(new Main.Version().getVersion()[0] + " on Java " + System.getProperty("java.version") + " ("
        + System.getProperty("os.name") + ")");
    Duration up = Duration.between(context.started, context.clock.instant());
    lines.add("uptime: " + up.toHours() + " h " + up.toMinutesPart() + " min");
    lines.add("fake-account scorer: " + context.service.analyzer().scorer().name());
    lines.add(cacheLine(context));
    lines.add(context.redis.map(redis -> redis.status().toString())
        .orElse("redis: none (cache and limits of this process only)"));
    context.platformStatus.forEach(line -> lines.add(line.get()));
    lines.add("yardsticks:");
    org.influencebot.core.reference.YardstickReport.lines(context.yardsticks.list(),
        org.influencebot.core.quantify.Yardsticks.LABELED_NETWORKS, context.clock.instant())
        .forEach(l -> lines.add("  " + l));
    StoreStatistics store = context.store.statistics();
    lines.add("store: " + store);
    lines.add("configuration:");
    context.settings.describe().forEach(l -> lines.add("  " + l));
    return String.join("\n", lines);
  }
}
