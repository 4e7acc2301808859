package org.influencebot.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Trend;
import org.influencebot.core.service.ScoreHistory;

/** The service's score history, kept in the store so that trends survive restarts. */
public final class StoredScoreHistory implements ScoreHistory {
  private final HistoryStore history;

  public StoredScoreHistory(HistoryStore history) {
    this.history = history;
  }

  @Override
  public void record(Summary s) {
    if (s.influence().score().isEmpty() || s.authenticity().score().isEmpty()) {
      return;
    }
    history.record(new ScorePoint(s.handle().network().orElse("unknown"), s.handle().name(), s.computedAt(),
        s.influence().score().getAsInt(), s.authenticity().score().getAsInt(), s.influence().followers(),
        s.influence().authenticFollowers().isPresent() ? s.influence().authenticFollowers() : OptionalLong.empty()));
  }

  @Override
  public Optional<Trend> trend(Summary current) {
    if (current.influence().score().isEmpty() || current.authenticity().score().isEmpty()) {
      return Optional.empty();
    }
    List<ScorePoint> points = history.pointsSince(current.handle().network().orElse("unknown"), current.handle().name(),
        current.computedAt().minus(TREND_WINDOW));
    if (points.isEmpty()) {
      return Optional.empty();
    }
    ScorePoint oldest = points.get(0);
    long days = Math.max(0, Duration.between(oldest.computedAt(), current.computedAt()).toDays());
    int influence = (int) Math.round(current.influence().score().getAsInt() - oldest.influenceScore());
    int authenticity = (int) Math.round(current.authenticity().score().getAsInt() - oldest.authenticityScore());
    // "+0, +0 in less than a day" says nothing (a summary asked again the same day): no trend then.
    if (days == 0 && influence == 0 && authenticity == 0) {
      return Optional.empty();
    }
    return Optional.of(new Trend(influence, authenticity, days));
  }
}
