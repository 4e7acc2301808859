package org.influencebot.core.analysis;

import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.Account;

/**
 * The share of a follower sample that looks fake, with its 95% Wilson interval.
 *
 * @param sampled followers in the sample that could be judged
 * @param fake of those, how many look fake
 * @param method how the sample was drawn, if the source said
 * @param drivers the features most often behind the fake verdicts, as message keys
 */
public record FollowerAudit(int sampled, int fake, double low, double high, Optional<Account.SampleMethod> method,
    List<String> drivers) {
  public FollowerAudit {
    drivers = List.copyOf(drivers);
  }

  public double share() {
    return sampled == 0 ? 0 : (double) fake / sampled;
  }
}
