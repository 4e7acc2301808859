package org.influencebot.core.account;

import java.util.List;

/**
 * A run of consecutive followers read at one depth of the follower list: {@code offset} is the position,
 * in the newest-first list, of the run's first account (0 = the newest follower). Deeper runs let an audit
 * measure followers gained before the newest window instead of assuming they look like it.
 */
public record FollowerStratum(long offset, List<Account> sample) {
  public FollowerStratum {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
    sample = List.copyOf(sample);
  }
}
