package org.influencebot.core.analysis;

/** How much of the evidence a summary rests on was available. */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  public String key() {
    return "confidence." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
