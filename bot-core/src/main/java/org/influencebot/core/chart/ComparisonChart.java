package org.influencebot.core.chart;

import java.util.Optional;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;

/** Draws the side-by-side chart of {@code /compare}; adapters take one so that tests can leave it out. */
@FunctionalInterface
public interface ComparisonChart {
  Optional<byte[]> draw(Summary first, Summary second, Messages m);

  /** The real chart ({@link Charts#compareChart}). */
  static ComparisonChart standard() {
    return (a, b, m) -> Optional.of(Charts.compareChart(a, b, m));
  }

  static ComparisonChart none() {
    return (a, b, m) -> Optional.empty();
  }
}
