package org.influencebot.core.chart;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The charts already drawn, per summary (or pair of summaries) and language, shared by every platform:
 * a cached summary asked again, on any platform, is answered without drawing. A chart that cannot be
 * drawn is a bonus lost, never a failed reply: it is logged and the reply goes out without it.
 */
public final class ChartCache {
  private static final Logger LOG = LoggerFactory.getLogger(ChartCache.class);
  private static final int MAX_CHARTS = 500;

  private final BiFunction<Summary, Messages, Optional<byte[]>> summaries;
  private final ComparisonChart comparisons;
  private final boolean draws;
  private final Cache<Key, Optional<byte[]>> drawn = Caffeine.newBuilder().maximumSize(MAX_CHARTS).build();

  private record Key(Summary first, Summary second, String language) {}

  /**
   * @param summaries a summary's chart in the reader's language, when there is one ({@link Charts#summaryChart})
   * @param comparisons the side-by-side chart of {@code /compare}
   */
  public ChartCache(BiFunction<Summary, Messages, Optional<byte[]>> summaries, ComparisonChart comparisons) {
    this(summaries, comparisons, true);
  }

  private ChartCache(BiFunction<Summary, Messages, Optional<byte[]>> summaries, ComparisonChart comparisons,
      boolean draws) {
    this.summaries = summaries;
    this.comparisons = comparisons;
    this.draws = draws;
  }

  /** The real charts of the chart module. */
  public static ChartCache standard() {
    return new ChartCache(Charts::summaryChart, ComparisonChart.standard());
  }

  /** Charts that take no drawing time (a test's stand-in): never worth waiting for before answering. */
  public static ChartCache instant(BiFunction<Summary, Messages, Optional<byte[]>> summaries,
      ComparisonChart comparisons) {
    return new ChartCache(summaries, comparisons, false);
  }

  /** No charts at all (tests, and operators who turn them off). */
  public static ChartCache none() {
    return new ChartCache((s, m) -> Optional.empty(), ComparisonChart.none(), false);
  }

  public Optional<byte[]> summary(Summary summary, Messages m) {
    return drawn.get(new Key(summary, null, m.locale().getLanguage()),
        k -> drawSafely(() -> summaries.apply(summary, m), summary.handle().toString()));
  }

  public Optional<byte[]> compare(Summary first, Summary second, Messages m) {
    return drawn.get(new Key(first, second, m.locale().getLanguage()),
        k -> drawSafely(() -> comparisons.draw(first, second, m), first.handle() + " / " + second.handle()));
  }

  /** Whether this summary's chart needs no drawing now: drawn already, or no charts at all. */
  public boolean ready(Summary summary, Messages m) {
    return !draws || drawn.getIfPresent(new Key(summary, null, m.locale().getLanguage())) != null;
  }

  /** Whether a comparison's chart needs no drawing now. */
  public boolean ready(Summary first, Summary second, Messages m) {
    return !draws || drawn.getIfPresent(new Key(first, second, m.locale().getLanguage())) != null;
  }

  private static Optional<byte[]> drawSafely(Supplier<Optional<byte[]>> draw, String of) {
    try {
      return draw.get().filter(png -> png.length > 0);
    } catch (RuntimeException e) {
      LOG.warn("could not draw the chart of {}: the reply goes out without it", of, e);
      return Optional.empty();
    }
  }
}
