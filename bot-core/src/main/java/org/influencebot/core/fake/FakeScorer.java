package org.influencebot.core.fake;

import org.influencebot.core.account.Account;

/**
 * Scores how likely one account is fake (bought, automated or otherwise inauthentic) from its
 * profile alone. The follower audit, the engager check and the account check all rest on it.
 * Implementations are thread-safe and fast: a follower sample of thousands is scored per summary.
 */
public interface FakeScorer {
  FakeAssessment assess(Account account);

  /** A short name for the evidence and the debug command, such as {@code rules-v1}. */
  String name();
}
