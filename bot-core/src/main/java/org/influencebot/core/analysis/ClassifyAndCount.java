package org.influencebot.core.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.quantify.Abstention;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.quantify.ShareEstimator;

/**
 * The plain estimator: each account the scorer can judge is called fake or not, the share is the count of
 * fakes over the judged, and its interval the Wilson interval (sampling error only, not the scorer's own).
 * Abstains below {@code minAssessed} judged accounts.
 */
public final class ClassifyAndCount implements ShareEstimator {
  public static final String NAME = "classify-and-count";
  private final FakeScorer scorer;
  private final int minAssessed;

  public ClassifyAndCount(FakeScorer scorer, int minAssessed) {
    this.scorer = scorer;
    this.minAssessed = minAssessed;
  }

  @Override
  public ShareEstimate estimate(List<Account> sample, Instant now) {
    int judged = 0;
    int fake = 0;
    for (Account a : sample) {
      FakeAssessment f = scorer.assess(a);
      if (f.enoughEvidence()) {
        judged++;
        fake += f.looksFake() ? 1 : 0;
      }
    }
    double[] ci = Wilson.interval(fake, judged, Wilson.Z95);
    double share = judged == 0 ? 0 : (double) fake / judged;
    Optional<Abstention> abstention = judged < minAssessed ? Optional.of(Abstention.TOO_FEW_ASSESSED) : Optional.empty();
    return new ShareEstimate(share, ci[0], ci[1], sample.size(), judged, NAME, abstention, 0);
  }
}
