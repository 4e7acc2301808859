package org.influencebot.core.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Text;

/**
 * A summary as the service delivered it: whether it came from the cache, and whether it is stale
 * (the source failed, so the last good summary is served instead of an error).
 */
public record Lookup(Summary summary, boolean fromCache, boolean stale, Optional<Text> staleReason) {
  public Duration age(Clock clock) {
    Duration d = Duration.between(summary.computedAt(), clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** "computed 12 minutes ago, from cache" as a sentence to localize. */
  public Text freshness(Clock clock) {
    long minutes = age(clock).toMinutes();
    Text age = minutes < 1 ? Text.of("age.now") : minutes < 120 ? Text.of("age.minutes", minutes)
        : minutes < 48 * 60 ? Text.of("age.hours", minutes / 60) : Text.of("age.days", minutes / 1440);
    if (stale) {
      return Text.of("freshness.stale", age, staleReason.orElse(Text.of("source.down.generic")));
    }
    return Text.of(fromCache ? "freshness.cached" : "freshness.fresh", age);
  }
}
