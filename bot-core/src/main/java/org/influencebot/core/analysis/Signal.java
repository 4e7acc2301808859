package org.influencebot.core.analysis;

import java.util.OptionalInt;
import org.influencebot.core.text.Text;

/**
 * One authenticity signal: a score 0–100 (100 = nothing suspicious), its weight in the authenticity
 * score, and one sentence of evidence. Not assessed when its inputs are missing.
 */
public record Signal(Kind kind, OptionalInt score, double weight, Text evidence) {
  /** The five authenticity signals, in the order replies show them. */
  public enum Kind {
    FOLLOWER_AUDIT,
    GROWTH_ANOMALIES,
    ENGAGEMENT_CHECK,
    AMPLIFICATION_CHECK,
    ACCOUNT_CHECK;

    public String key() {
      return "signal." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean assessed() {
    return score.isPresent();
  }

  public static Signal notAssessed(Kind kind, double weight, Text why) {
    return new Signal(kind, OptionalInt.empty(), weight, why);
  }
}
