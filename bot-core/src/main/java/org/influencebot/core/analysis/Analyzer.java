package org.influencebot.core.analysis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.Post;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.quantify.ShareEstimator;
import org.influencebot.core.quantify.Yardstick;
import org.influencebot.core.quantify.Yardsticks;
import org.influencebot.core.text.Text;

/**
 * Turns an account's metrics into its {@link Summary}. Every formula is in {@code docs/methodology.md},
 * with the same constants, so that a user can check a score by hand.
 */
public final class Analyzer {
  // Influence weights (renormalized over the components that could be assessed).
  static final double W_REACH = 0.55;
  static final double W_ENGAGEMENT = 0.15;
  static final double W_AMPLIFICATION = 0.15;
  static final double W_ACTIVITY = 0.08;
  static final double W_STANDING = 0.07;
  // Authenticity weights.
  static final double W_AUDIT = 0.35;
  static final double W_GROWTH = 0.20;
  static final double W_ENGAGEMENT_CHECK = 0.15;
  static final double W_AMPLIFICATION_CHECK = 0.15;
  static final double W_ACCOUNT = 0.15;

  /** Fewest judged followers for an audit, fewest original posts for engagement, fewest engagers. */
  static final int MIN_AUDIT = 20;
  static final int MIN_POSTS = 3;
  static final int MIN_ENGAGERS = 10;
  static final int MIN_HISTORY = 14;
  /** Youngest account, in days, that a verdict other than "not enough evidence" is given about. */
  static final double MIN_AGE_DAYS = 30;
  /** Least total weight of assessed signals for an authenticity score and a verdict. */
  static final double MIN_EVIDENCE_WEIGHT = 0.25;
  /** Fewest posts an account has published for its own profile to be judged (quieter ones abstain). */
  static final long MIN_POSTS_TO_JUDGE = 20;
  /** Fake probability of the account's own profile from which it is called likely automated. */
  static final double AUTOMATED_PROBABILITY = 0.9;
  /**
   * Against a reference: the share of the network's random accounts that a profile must look more fake than
   * to be called fake-looking, or automated-looking. A random sample of a network holds a few percent of
   * fakes, at its top: a person is past these about as rarely as the model flags humans it was trained on.
   */
  static final double FAKE_PERCENTILE = 0.98;
  static final double AUTOMATED_PERCENTILE = 0.99;
  /** Against a reference: up to this percentile a profile is as ordinary as the network's (score 100). */
  static final double ORDINARY_PERCENTILE = 0.9;
  /** One signal below this keeps the verdict from "authentic", whatever the average. */
  static final int WORST_SIGNAL_FOR_AUTHENTIC = 25;

  private final FakeScorer scorer;
  private final Yardsticks yardsticks;
  private final AudienceAuditor auditor;
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
    Optional<FollowerAudit> audit = auditor.audit(account, jumps, now, fakeDrivers(account));
    PostStats posts = PostStats.of(account.recentPosts());

    List<Signal> signals = new ArrayList<>();
    signals.add(auditSignal(account, audit));
    signals.add(growthSignal(account, anomalies));
    signals.add(engagementSignal(account, posts));
    signals.add(amplificationSignal(account));
    FakeAssessment self = scorer.assess(account);
    Optional<Yardstick> yardstick = yardsticks.yardstick(AudienceAuditor.networkOf(account));
    Signal accountSignal = accountSignal(account, self, yardstick, now);
    signals.add(accountSignal);
    // Automated-looking: past AUTOMATED_PROBABILITY of the model, or, against a reference, past its
    // AUTOMATED_PERCENTILE.
    boolean automatedLooking = accountSignal.assessed() && self.enoughEvidence() && yardstick
        .map(y -> y.percentile(self.fakeProbability()) >= AUTOMATED_PERCENTILE)
        .orElse(self.fakeProbability() >= AUTOMATED_PROBABILITY);

    Authenticity authenticity = authenticity(account, signals, automatedLooking, audit, anomalies, now);
    InfluenceScore influence = influence(account, audit, posts, now);
    int read = account.followerSample().size()
        + account.followerStrata().stream().mapToInt(s -> s.sample().size()).sum();
    return new Summary(handle, account.displayName(), influence, authenticity, account.followerHistory(),
        read, account.recentPosts().size(), source, scorer.name(), computedAt);
  }

  // ------------------------------------------------------------------ authenticity

  /** The features most often behind the fake-looking followers of every sample, strongest first. */
  private List<String> fakeDrivers(Account account) {
    Map<String, Integer> driverCounts = new HashMap<>();
    List<Account> read = new ArrayList<>(account.followerSample());
    account.followerStrata().forEach(s -> read.addAll(s.sample()));
    for (Account follower : read) {
      FakeAssessment a = scorer.assess(follower);
      if (a.enoughEvidence() && a.looksFake()) {
        for (String d : a.drivers()) {
          driverCounts.merge(d, 1, Integer::sum);
        }
      }
    }
    return topKeys(driverCounts, 2);
  }

  private static List<String> topKeys(Map<String, Integer> counts, int n) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).map(Map.Entry::getKey).collect(Collectors.toList());
  }

  private Signal auditSignal(Account account, Optional<FollowerAudit> audit) {
    if (audit.isEmpty() || !audit.get().assessed()) {
      boolean nothingRead = account.followerSample().isEmpty() && account.followerStrata().isEmpty();
      Text why;
      if (nothingRead && account.isProtected().orElse(false)) {
        why = Text.of("signal.follower_audit.private");
      } else if (nothingRead) {
        why = Text.of("signal.follower_audit.none");
      } else {
        why = Text.of("signal.follower_audit.unjudged", AuditText.abstentions(audit.get()));
      }
      return Signal.notAssessed(Signal.Kind.FOLLOWER_AUDIT, W_AUDIT, why);
    }
    FollowerAudit a = audit.get();
    double share = a.share().orElse(a.sampledShare().getAsDouble());
    return new Signal(Signal.Kind.FOLLOWER_AUDIT, OptionalInt.of(clamp(Math.round(100 * (1 - share)))), W_AUDIT,
        AuditText.evidence(a));
  }

  /** "mostly because it …": the features behind one account's own score, in the singular. */
  private static Text drivers(List<String> keys) {
    return AuditText.list("drivers", keys, "");
  }

  private Signal growthSignal(Account account, List<GrowthAnomaly> anomalies) {
    int points = account.followerHistory().size();
    if (points < MIN_HISTORY) {
      return Signal.notAssessed(Signal.Kind.GROWTH_ANOMALIES, W_GROWTH,
          points == 0 ? Text.of("signal.growth.none") : Text.of("signal.growth.short", points, MIN_HISTORY));
    }
    if (anomalies.isEmpty()) {
      return new Signal(Signal.Kind.GROWTH_ANOMALIES, OptionalInt.of(100), W_GROWTH, Text.of("signal.growth.clean", points));
    }
    long current = account.followers().orElse(account.followerHistory().get(points - 1).followers());
    long excess = anomalies.stream().mapToLong(GrowthAnomaly::excess).sum();
    double share = current == 0 ? 1 : (double) excess / current;
    int score = clamp(Math.round(100 - 250 * share));
    GrowthAnomaly top = anomalies.stream().max(Comparator.comparingLong(GrowthAnomaly::excess)).orElseThrow();
    Text pack = top.roundPack() ? Text.of("signal.growth.round", top.excess()) : Text.of("empty");
    return new Signal(Signal.Kind.GROWTH_ANOMALIES, OptionalInt.of(score), W_GROWTH,
        Text.of("signal.growth.found", anomalies.size(), top.gain(), top.date(), Math.round(top.baseline()),
            Math.round(top.strength()), pct(Math.min(1, share)), pack));
  }

  private Signal engagementSignal(Account account, PostStats posts) {
    if (account.followers().isEmpty() || account.followers().getAsLong() == 0 || posts.originalsWithCounts < MIN_POSTS) {
      return Signal.notAssessed(Signal.Kind.ENGAGEMENT_CHECK, W_ENGAGEMENT_CHECK,
          Text.of("signal.engagement.none", MIN_POSTS));
    }
    long followers = account.followers().getAsLong();
    double rate = posts.meanInteractions / followers;
    double expected = ExpectedEngagement.rate(followers);
    double ratio = rate / expected;
    double deviation = Math.max(0, Math.abs(Math.log(Math.max(ratio, 1e-6))) - Math.log(3));
    int score = clamp(Math.round(100 - 45 * deviation));
    String key = ratio < 1 / 3.0 ? "signal.engagement.low" : ratio > 3 ? "signal.engagement.high" : "signal.engagement.normal";
    double factor = ratio < 1 ? 1 / Math.max(ratio, 1e-6) : ratio;
    return new Signal(Signal.Kind.ENGAGEMENT_CHECK, OptionalInt.of(score), W_ENGAGEMENT_CHECK,
        Text.of(key, pct2(rate), round1(factor), pct2(expected), followers, posts.originalsWithCounts));
  }

  private Signal amplificationSignal(Account account) {
    List<Account> engagers = account.engagerSample();
    if (engagers.size() < MIN_ENGAGERS) {
      return Signal.notAssessed(Signal.Kind.AMPLIFICATION_CHECK, W_AMPLIFICATION_CHECK,
          Text.of("signal.amplification.none", MIN_ENGAGERS));
    }
    Map<String, Integer> byAccount = new LinkedHashMap<>();
    Map<String, Account> distinct = new LinkedHashMap<>();
    for (Account e : engagers) {
      String key = e.handle().toLowerCase(Locale.ROOT);
      byAccount.merge(key, 1, Integer::sum);
      distinct.putIfAbsent(key, e);
    }
    int interactions = engagers.size();
    int top5 = byAccount.values().stream().sorted(Comparator.reverseOrder()).limit(5).mapToInt(Integer::intValue).sum();
    double repeat = 1 - (double) distinct.size() / interactions;
    double penalty = interactions >= 30 ? Math.max(0, Math.min(1, (repeat - 0.6) / 0.35)) : 0;
    int judged = 0;
    int fake = 0;
    for (Account e : distinct.values()) {
      FakeAssessment a = scorer.assess(e);
      if (a.enoughEvidence()) {
        judged++;
        fake += a.looksFake() ? 1 : 0;
      }
    }
    double fakeShare = judged == 0 ? 0 : (double) fake / judged;
    int score = clamp(Math.round(100 * (1 - penalty) * (1 - fakeShare)));
    return new Signal(Signal.Kind.AMPLIFICATION_CHECK, OptionalInt.of(score), W_AMPLIFICATION_CHECK,
        Text.of("signal.amplification.result", Math.min(5, distinct.size()), distinct.size(),
            pct((double) top5 / interactions), interactions, fake, judged));
  }

  private Signal accountSignal(Account account, FakeAssessment self, Optional<Yardstick> yardstick, Instant now) {
    if (account.declaredBot().orElse(false)) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(clamp(Math.round(100 * (1 - self.fakeProbability())))),
          W_ACCOUNT, Text.of("signal.account.declared"));
    }
    OptionalDouble age = account.ageDays(now);
    if (age.isPresent() && age.getAsDouble() < MIN_AGE_DAYS) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, W_ACCOUNT,
          Text.of("signal.account.too_new", Math.round(Math.floor(age.getAsDouble())), Math.round(MIN_AGE_DAYS)));
    }
    if (account.posts().isPresent() && account.posts().getAsLong() < MIN_POSTS_TO_JUDGE) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, W_ACCOUNT,
          Text.of("signal.account.too_quiet", account.posts().getAsLong(), MIN_POSTS_TO_JUDGE));
    }
    if (!self.enoughEvidence()) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, W_ACCOUNT, Text.of("signal.account.unknown"));
    }
    if (yardstick.isPresent()) {
      return accountAgainst(yardstick.get(), self);
    }
    if (!yardsticks.labeled(AudienceAuditor.networkOf(account))) {
      return Signal.notAssessed(Signal.Kind.ACCOUNT_CHECK, W_ACCOUNT,
          Text.of("signal.account.no_reference", NetworkName.of(AudienceAuditor.networkOf(account))));
    }
    int score = clamp(Math.round(100 * (1 - self.fakeProbability())));
    if (self.looksFake()) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), W_ACCOUNT,
          Text.of("signal.account.fake", pct(self.fakeProbability()),
              self.drivers().isEmpty() ? Text.of("signal.no_drivers") : drivers(self.drivers())));
    }
    return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), W_ACCOUNT,
        Text.of("signal.account.human", pct(self.fakeProbability())));
  }

  /**
   * The profile read against the network's reference: the share of its ordinary accounts that look more
   * human, its score 100 up to the {@link #ORDINARY_PERCENTILE} and falling to 0 at the top, fake-looking
   * from {@link #FAKE_PERCENTILE} on.
   */
  private Signal accountAgainst(Yardstick y, FakeAssessment self) {
    double percentile = y.percentile(self.fakeProbability());
    int score = clamp(Math.round(100 * Math.min(1, (1 - percentile) / (1 - ORDINARY_PERCENTILE))));
    Object network = NetworkName.of(Optional.of(y.network()));
    if (percentile >= FAKE_PERCENTILE) {
      return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), W_ACCOUNT,
          Text.of("signal.account.reference.fake", pct(percentile), y.size(), network,
              self.drivers().isEmpty() ? Text.of("signal.no_drivers") : drivers(self.drivers())));
    }
    return new Signal(Signal.Kind.ACCOUNT_CHECK, OptionalInt.of(score), W_ACCOUNT,
        Text.of("signal.account.reference.human", 100 - pct(percentile), y.size(), network));
  }

  private Authenticity authenticity(Account account, List<Signal> signals, boolean automatedLooking,
      Optional<FollowerAudit> audit, List<GrowthAnomaly> anomalies, Instant now) {
    double weight = 0;
    double sum = 0;
    for (Signal s : signals) {
      if (s.assessed()) {
        weight += s.weight();
        sum += s.weight() * s.score().getAsInt();
      }
    }
    // Below MIN_EVIDENCE_WEIGHT the signals say too little for a score: a private account judged on its own
    // profile alone would otherwise show "100/100" about an audience no one read.
    OptionalInt score = weight < MIN_EVIDENCE_WEIGHT ? OptionalInt.empty()
        : OptionalInt.of(clamp(Math.round(sum / weight)));
    // A profile that looks automated is only called so once the account is old enough to have built a
    // following: every new account has few followers and posts.
    boolean oldEnough = account.ageDays(now).orElse(Double.MAX_VALUE) >= MIN_AGE_DAYS;
    int worst = signals.stream().filter(Signal::assessed).mapToInt(s -> s.score().getAsInt()).min().orElse(100);
    Verdict verdict;
    if (account.declaredBot().orElse(false)
        || (oldEnough && automatedLooking)) {
      verdict = Verdict.LIKELY_AUTOMATED;
    } else if (score.isEmpty() || !oldEnough) {
      verdict = Verdict.NOT_ENOUGH_EVIDENCE;
    } else if (score.getAsInt() >= 75 && worst >= WORST_SIGNAL_FOR_AUTHENTIC) {
      // Nothing read, nothing claimed: an audience is only called authentic once followers were judged.
      verdict = audit.map(FollowerAudit::assessed).orElse(false) ? Verdict.AUTHENTIC : Verdict.NOT_ENOUGH_EVIDENCE;
    } else if (score.getAsInt() >= 50) {
      verdict = Verdict.MIXED;
    } else {
      verdict = Verdict.LIKELY_INFLATED;
    }
    Confidence confidence;
    if (weight >= 0.7 && audit.map(a -> judged(a) >= 100).orElse(false)) {
      confidence = Confidence.HIGH;
    } else if (weight >= 0.4) {
      confidence = Confidence.MEDIUM;
    } else {
      confidence = Confidence.LOW;
    }
    return new Authenticity(score, verdict, confidence, signals, missingInputs(account), audit, anomalies);
  }

  private static int judged(FollowerAudit audit) {
    return audit.strata().stream().filter(s -> s.sampled() && s.measured())
        .mapToInt(s -> s.estimate().map(e -> e.assessed()).orElse(0)).sum();
  }

  private static List<String> missingInputs(Account a) {
    List<String> missing = new ArrayList<>();
    if (a.followers().isEmpty()) missing.add("input.followers");
    if (a.followerSample().isEmpty()) missing.add("input.follower_sample");
    if (a.followerHistory().isEmpty()) missing.add("input.follower_history");
    if (a.recentPosts().isEmpty()) missing.add("input.recent_posts");
    if (a.engagerSample().isEmpty()) missing.add("input.engager_sample");
    if (a.createdAt().isEmpty()) missing.add("input.created_at");
    if (a.likes().isEmpty()) missing.add("input.likes");
    if (a.listed().isEmpty()) missing.add("input.listed");
    return missing;
  }

  // ------------------------------------------------------------------ influence

  private InfluenceScore influence(Account account, Optional<FollowerAudit> audit, PostStats posts, Instant now) {
    OptionalLong authentic = audit.map(FollowerAudit::authentic).orElse(OptionalLong.empty());
    List<Component> components = new ArrayList<>();
    components.add(reach(account, audit, authentic));
    components.add(engagement(account, posts));
    components.add(amplification(account, posts));
    components.add(activity(account, posts, now));
    components.add(standing(account));
    OptionalInt score = OptionalInt.empty();
    if (components.get(0).assessed()) {
      double weight = 0;
      double sum = 0;
      for (Component c : components) {
        if (c.assessed()) {
          weight += c.weight();
          sum += c.weight() * c.score().getAsInt();
        }
      }
      score = OptionalInt.of((int) Math.max(1, Math.min(100, Math.round(sum / weight))));
    }
    return new InfluenceScore(score, components, account.followers(), authentic);
  }

  /** reach = 100 × log10(1 + authentic followers) / 7.5: 100 at about 32 million. */
  static int reachScore(long authentic) {
    return clamp(Math.round(100 * Math.log10(1 + authentic) / 7.5));
  }

  /**
   * Reach on the followers that look authentic; when part of the audience was not measured, on the most
   * that can be (the high end of the authentic interval), so that an unmeasured audience is neither
   * counted as fake nor claimed authentic.
   */
  private static Component reach(Account account, Optional<FollowerAudit> audit, OptionalLong authentic) {
    if (account.followers().isEmpty()) {
      return new Component(Component.Kind.REACH, OptionalInt.empty(), W_REACH, Text.of("component.reach.none"));
    }
    long followers = account.followers().getAsLong();
    if (authentic.isPresent()) {
      return new Component(Component.Kind.REACH, OptionalInt.of(reachScore(authentic.getAsLong())), W_REACH,
          Text.of("component.reach.result", followers, authentic.getAsLong()));
    }
    long atMost = Math.min(followers, audit.map(a -> a.authenticHigh().orElse(followers)).orElse(followers));
    return new Component(Component.Kind.REACH, OptionalInt.of(reachScore(atMost)), W_REACH,
        atMost < followers ? Text.of("component.reach.at_most", followers, atMost)
            : Text.of("component.reach.unmeasured", followers));
  }

  private static Component engagement(Account account, PostStats posts) {
    if (account.followers().isEmpty() || account.followers().getAsLong() == 0 || posts.originalsWithCounts < MIN_POSTS) {
      return new Component(Component.Kind.ENGAGEMENT, OptionalInt.empty(), W_ENGAGEMENT,
          Text.of("component.engagement.none", MIN_POSTS));
    }
    long followers = account.followers().getAsLong();
    double rate = posts.meanInteractions / followers;
    double expected = ExpectedEngagement.rate(followers);
    int score = clamp(Math.round(50 + 20 * log2(rate / expected)));
    return new Component(Component.Kind.ENGAGEMENT, OptionalInt.of(score), W_ENGAGEMENT,
        Text.of("component.engagement.result", Math.round(posts.meanInteractions), pct2(rate), pct2(expected)));
  }

  private static Component amplification(Account account, PostStats posts) {
    if (posts.originalsWithReposts < MIN_POSTS) {
      return new Component(Component.Kind.AMPLIFICATION, OptionalInt.empty(), W_AMPLIFICATION,
          Text.of("component.amplification.none", MIN_POSTS));
    }
    double base = 100 * Math.log10(1 + posts.meanAmplification) / 4;
    List<Account> engagers = account.engagerSample();
    double diversity = 1;
    long distinct = 0;
    if (engagers.size() >= MIN_ENGAGERS) {
      distinct = engagers.stream().map(e -> e.handle().toLowerCase(Locale.ROOT)).distinct().count();
      diversity = (double) distinct / engagers.size();
    }
    int score = clamp(Math.round(base * (0.5 + 0.5 * diversity)));
    Text text = engagers.size() >= MIN_ENGAGERS
        ? Text.of("component.amplification.distinct", round1(posts.meanAmplification), posts.repostHIndex, distinct, engagers.size())
        : Text.of("component.amplification.result", round1(posts.meanAmplification), posts.repostHIndex);
    return new Component(Component.Kind.AMPLIFICATION, OptionalInt.of(score), W_AMPLIFICATION, text);
  }

  private static Component activity(Account account, PostStats posts, Instant now) {
    OptionalDouble per30 = OptionalDouble.empty();
    if (posts.datedPosts >= 2 && posts.spanDays > 0) {
      per30 = OptionalDouble.of(posts.datedPosts / Math.max(1.0, posts.spanDays) * 30);
    } else if (account.posts().isPresent() && account.ageDays(now).orElse(0) >= 1) {
      per30 = OptionalDouble.of(account.posts().getAsLong() / account.ageDays(now).getAsDouble() * 30);
    }
    Optional<Instant> last = account.lastPostAt().or(() -> posts.newest);
    if (per30.isEmpty() && last.isEmpty()) {
      return new Component(Component.Kind.ACTIVITY, OptionalInt.empty(), W_ACTIVITY, Text.of("component.activity.none"));
    }
    // Only what is known is scored and said: an unknown rate or last post is neither assumed nor shown.
    OptionalDouble cadence = per30.isPresent()
        ? OptionalDouble.of(Math.min(100, 50 * Math.log10(1 + per30.getAsDouble()))) : OptionalDouble.empty();
    OptionalDouble sinceDays = last.map(t -> OptionalDouble.of(Math.max(0, Duration.between(t, now).toHours() / 24.0)))
        .orElse(OptionalDouble.empty());
    OptionalDouble recency = sinceDays.isPresent()
        ? OptionalDouble.of(100 * Math.exp(-sinceDays.getAsDouble() / 30)) : OptionalDouble.empty();
    double score = cadence.isPresent() && recency.isPresent() ? 0.6 * cadence.getAsDouble() + 0.4 * recency.getAsDouble()
        : cadence.isPresent() ? cadence.getAsDouble() : recency.getAsDouble();
    Text text = cadence.isPresent() && recency.isPresent()
        ? Text.of("component.activity.result", round1(per30.getAsDouble()), Math.round(sinceDays.getAsDouble()))
        : cadence.isPresent() ? Text.of("component.activity.rateOnly", round1(per30.getAsDouble()))
        : Text.of("component.activity.lastOnly", Math.round(sinceDays.getAsDouble()));
    return new Component(Component.Kind.ACTIVITY, OptionalInt.of(clamp(Math.round(score))), W_ACTIVITY, text);
  }

  private Component standing(Account account) {
    boolean known = false;
    double score = 0;
    long listed = 0;
    if (account.listed().isPresent()) {
      known = true;
      listed = account.listed().getAsLong();
      score += Math.min(60, 15 * Math.log10(1 + listed));
    }
    boolean verified = account.verified().orElse(false);
    if (account.verified().isPresent()) {
      known = true;
      score += verified ? 25 : 0;
    }
    long engagerMedian = 0;
    List<Account> engagers = account.engagerSample();
    long[] reach = engagers.stream().filter(e -> e.followers().isPresent()).mapToLong(e -> e.followers().getAsLong()).sorted().toArray();
    if (reach.length >= MIN_ENGAGERS) {
      known = true;
      engagerMedian = reach[reach.length / 2];
      score += Math.min(40, 10 * Math.log10(1 + engagerMedian));
    }
    if (!known) {
      return new Component(Component.Kind.STANDING, OptionalInt.empty(), W_STANDING, Text.of("component.standing.none"));
    }
    Text yesNo = verified ? Text.of("yes") : Text.of("no");
    return new Component(Component.Kind.STANDING, OptionalInt.of(clamp(Math.round(score))), W_STANDING,
        reach.length >= MIN_ENGAGERS ? Text.of("component.standing.result", listed, yesNo, engagerMedian)
            : Text.of("component.standing.lists", listed, yesNo));
  }

  // ------------------------------------------------------------------ helpers

  private static double log2(double x) {
    return Math.log(Math.max(x, 1e-9)) / Math.log(2);
  }

  static int clamp(long v) {
    return (int) Math.max(0, Math.min(100, v));
  }

  /** A share as a whole percentage for MessageFormat: 0.234 → 23. */
  private static long pct(double share) {
    return Math.round(100 * share);
  }

  /** A rate in percent with two decimals: 0.01234 → 1.23. */
  private static double pct2(double rate) {
    return Math.round(rate * 10_000) / 100.0;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  /** What the recent posts say, computed once. */
  static final class PostStats {
    int originalsWithCounts;
    int originalsWithReposts;
    double meanInteractions;
    double meanAmplification;
    int repostHIndex;
    int datedPosts;
    double spanDays;
    Optional<Instant> newest = Optional.empty();

    static PostStats of(List<Post> posts) {
      PostStats s = new PostStats();
      double interactions = 0;
      double amplification = 0;
      List<Long> repostCounts = new ArrayList<>();
      Instant oldest = null;
      Instant newest = null;
      for (Post p : posts) {
        if (p.createdAt().isPresent()) {
          Instant t = p.createdAt().get();
          s.datedPosts++;
          oldest = oldest == null || t.isBefore(oldest) ? t : oldest;
          newest = newest == null || t.isAfter(newest) ? t : newest;
        }
        if (!p.isOriginal()) {
          continue;
        }
        if (p.likes().isPresent() || p.reposts().isPresent()) {
          s.originalsWithCounts++;
          interactions += p.likes().orElse(0) + p.reposts().orElse(0) + p.replies().orElse(0) + p.quotes().orElse(0);
        }
        if (p.reposts().isPresent()) {
          s.originalsWithReposts++;
          long r = p.reposts().getAsLong() + p.quotes().orElse(0);
          amplification += r;
          repostCounts.add(p.reposts().getAsLong());
        }
      }
      s.meanInteractions = s.originalsWithCounts == 0 ? 0 : interactions / s.originalsWithCounts;
      s.meanAmplification = s.originalsWithReposts == 0 ? 0 : amplification / s.originalsWithReposts;
      repostCounts.sort(Comparator.reverseOrder());
      int h = 0;
      while (h < repostCounts.size() && repostCounts.get(h) >= h + 1) {
        h++;
      }
      s.repostHIndex = h;
      if (oldest != null) {
        s.spanDays = Duration.between(oldest, newest).toHours() / 24.0;
        s.newest = Optional.of(newest);
      }
      return s;
    }
  }
}
