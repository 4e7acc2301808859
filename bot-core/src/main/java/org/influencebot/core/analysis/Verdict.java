package org.influencebot.core.analysis;

/** The authenticity verdict, worded as evidence in replies ("looks", "likely"), never as an accusation. */
public enum Verdict {
  AUTHENTIC,
  MIXED,
  LIKELY_INFLATED,
  LIKELY_AUTOMATED,
  NOT_ENOUGH_EVIDENCE;

  public String key() {
    return "verdict." + name().toLowerCase(java.util.Locale.ROOT);
  }
}
