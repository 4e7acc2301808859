package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.List;
import org.influencebot.core.account.Account;

/** Estimates the fake share of a sample of accounts (a quantification, not a pile of verdicts). */
public interface ShareEstimator {
  ShareEstimate estimate(List<Account> sample, Instant now);
}
