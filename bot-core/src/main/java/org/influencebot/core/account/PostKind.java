package org.influencebot.core.account;

/** What a post is: its own words, a repost of someone else's, a reply, or a quote. */
public enum PostKind {
  ORIGINAL,
  REPOST,
  REPLY,
  QUOTE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
