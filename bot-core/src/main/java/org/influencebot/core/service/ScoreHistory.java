package org.influencebot.core.service;

import java.time.Duration;
import java.util.Optional;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Trend;

/**
 * Where every computed summary's scores are appended, so that later summaries can show their trend.
 * The store implements it; without a store the bot keeps no history.
 */
public interface ScoreHistory {
  /** How far back a trend looks. */
  Duration TREND_WINDOW = Duration.ofDays(30);

  /** Appends the summary's scores. */
  void record(Summary summary);

  /** The change since the oldest summary of the same account within {@link #TREND_WINDOW}, if any. */
  Optional<Trend> trend(Summary current);

  static ScoreHistory none() {
    return new ScoreHistory() {
      @Override
      public void record(Summary summary) {}

      @Override
      public Optional<Trend> trend(Summary current) {
        return Optional.empty();
      }
    };
  }
}
