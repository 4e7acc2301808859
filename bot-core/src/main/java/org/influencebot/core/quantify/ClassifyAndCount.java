package org.influencebot.core.quantify;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Wilson;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.model.FakeModel;

/**
 * The method the bot used before quantification, kept for comparison: the share of accounts whose
 * score reaches the model's threshold, with a Wilson interval (which covers sampling error only).
 */
public final class ClassifyAndCount implements ShareEstimator {
  public static final int MIN_ASSESSED = QuantifyingEstimator.MIN_ASSESSED;

  private final FakeModel model;

  public ClassifyAndCount(FakeModel model) {
    this.model = model;
  }

  @Override
  public ShareEstimate estimate(List<Account> sample, Instant now) {
    int judged = 0;
    int fake = 0;
    for (Account a : sample) {
      FakeAssessment f = model.assess(a, now.getEpochSecond());
      if (f.enoughEvidence()) {
        judged++;
        fake += f.looksFake() ? 1 : 0;
      }
    }
    double[] ci = Wilson.interval(fake, judged, Wilson.Z95);
    double share = judged == 0 ? 0 : (double) fake / judged;
    return new ShareEstimate(share, ci[0], ci[1], sample.size(), judged, "classify-and-count/" + model.name(),
        judged < MIN_ASSESSED ? Optional.of(Abstention.TOO_FEW_ASSESSED) : Optional.empty(), 0);
  }
}
