package org.influencebot.core.analysis;

import java.util.OptionalInt;
import org.influencebot.core.text.Text;

/** One part of the influence score, 0–100, with a one-line explanation; empty when not assessed. */
public record Component(Kind kind, OptionalInt score, double weight, Text explanation) {
  /** The five parts of influence, in the order replies show them. */
  public enum Kind {
    REACH,
    ENGAGEMENT,
    AMPLIFICATION,
    ACTIVITY,
    STANDING;

    public String key() {
      return "component." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public boolean assessed() {
    return score.isPresent();
  }
}
