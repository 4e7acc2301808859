package org.influencebot.core.analysis;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.quantify.ShareEstimator;
import org.influencebot.core.quantify.Yardstick;
import org.influencebot.core.quantify.Yardsticks;

/**
 * Turns an account's metrics into its {@link Summary}. Every formula is in {@code docs/methodology.md},
 * with the same constants, so that a user can check a score by hand: the authenticity signals are in
 * {@link AuthenticitySignals} and {@link ProfileCheck}, the influence components in
 * {@link InfluenceComponents}, what the recent posts say in {@link PostStats}.
 */
public final class Analyzer {
  /** Fewest judged followers for an audit, fewest original posts for engagement, fewest engagers. */
  static final int MIN_AUDIT = 20;
  static final int MIN_POSTS = 3;
  static final int MIN_ENGAGERS = 10;
  static final int MIN_HISTORY = 14;
  /** Youngest account, in days, that a verdict other than "not enough evidence" is given about. */
  static final double MIN_AGE_DAYS = 30;

  private final FakeScorer scorer;
  private final Yardsticks yardsticks;
  private final AudienceAuditor auditor;
  private final AuthenticitySignals signals;
  private final ProfileCheck profile;
  private final Clock clock;

  /**
   * Measures follower samples by classify-and-count with {@code scorer}: for scorers without a quantifier
   * (tests, rule scorers). The bot runs the shipped model with {@code ShareEstimators.defaultEstimator()}.
   */
  public Analyzer(FakeScorer scorer, Clock clock) {
    this(scorer, new ClassifyAndCount(scorer, MIN_AUDIT), clock);
  }

  /** {@code scorer} judges single accounts (the account itself, engagers, reasons); {@code estimator} samples. */
  public Analyzer(FakeScorer scorer, ShareEstimator estimator, Clock clock) {
    this(scorer, Yardsticks.uniform(estimator), clock);
  }

  /**
   * {@code scorer} judges single accounts; {@code yardsticks} say what each network's audiences and
   * profiles are measured against (the bot: {@code Yardsticks.shipped(references)}).
   */
  public Analyzer(FakeScorer scorer, Yardsticks yardsticks, Clock clock) {
    this.scorer = scorer;
    this.yardsticks = yardsticks;
    this.auditor = new AudienceAuditor(yardsticks, MIN_AUDIT);
    this.signals = new AuthenticitySignals(scorer);
    this.profile = new ProfileCheck(yardsticks);
    this.clock = clock;
  }

  public FakeScorer scorer() {
    return scorer;
  }

  public Summary analyze(Handle handle, Account account, String source) {
    // One instant for the whole summary: the audit, the account's age, its activity and the time computed.
    Instant computedAt = clock.instant();
    Instant now = account.observedAt().orElse(computedAt);
    List<GrowthAnomaly> anomalies = GrowthAnomalyDetector.detect(account.followerHistory());
    OptionalLong jumps = account.followerHistory().size() >= MIN_HISTORY
        ? OptionalLong.of(AudienceAuditor.inJumps(account.followerHistory(), anomalies)) : OptionalLong.empty();
    Optional<FollowerAudit> audit = auditor.audit(account, jumps, now, signals.fakeDrivers(account));
    PostStats posts = PostStats.of(account.recentPosts());

    List<Signal> found = new ArrayList<>();
    found.add(signals.auditSignal(account, audit));
    found.add(signals.growthSignal(account, anomalies));
    found.add(signals.engagementSignal(account, posts));
    found.add(signals.amplificationSignal(account));
    FakeAssessment self = scorer.assess(account);
    Optional<Yardstick> yardstick = yardsticks.yardstick(AudienceAuditor.networkOf(account));
    Signal accountSignal = profile.accountSignal(account, self, yardstick, now);
    found.add(accountSignal);
    boolean automatedLooking = ProfileCheck.automatedLooking(accountSignal, self, yardstick);

    Authenticity authenticity = signals.authenticity(account, found, automatedLooking, audit, anomalies, now);
    InfluenceScore influence = InfluenceComponents.influence(account, audit, posts, now);
    int read = account.followerSample().size()
        + account.followerStrata().stream().mapToInt(s -> s.sample().size()).sum();
    return new Summary(handle, account.displayName(), influence, authenticity, account.followerHistory(),
        read, account.recentPosts().size(), source, scorer.name(), computedAt);
  }

  /** reach = 100 × log10(1 + authentic followers) / 7.5: 100 at about 32 million. */
  static int reachScore(long authentic) {
    return InfluenceComponents.reachScore(authentic);
  }
}
