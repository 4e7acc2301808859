package org.influencebot.core.analysis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Authenticity: a score 0–100 (the weighted mean of the assessed signals), a verdict, how confident
 * the summary is, and each signal with its evidence.
 *
 * @param missingInputs message keys {@code input.*} of the inputs that were unknown
 */
public record Authenticity(OptionalInt score, Verdict verdict, Confidence confidence, List<Signal> signals,
    List<String> missingInputs, Optional<FollowerAudit> audit, List<GrowthAnomaly> anomalies) {
  public Authenticity {
    signals = List.copyOf(signals);
    missingInputs = List.copyOf(missingInputs);
    anomalies = List.copyOf(anomalies);
  }

  public Signal signal(Signal.Kind kind) {
    return signals.stream().filter(s -> s.kind() == kind).findFirst().orElseThrow();
  }
}
