package org.influencebot.core.analysis;

import static org.influencebot.core.analysis.ScoreMath.clamp;
import static org.influencebot.core.analysis.ScoreMath.pct;
import static org.influencebot.core.analysis.ScoreMath.pct2;
import static org.influencebot.core.analysis.ScoreMath.round1;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.influencebot.core.fake.FakeScorer;
import org.influencebot.core.text.Text;

/**
 * The authenticity score: the audience's signals (follower audit, growth, engagement, amplification), their
 * weighted mean with the account's own ({@link ProfileCheck}), and the verdict ({@code docs/methodology.md}).
 */
final class AuthenticitySignals {
  // Authenticity weights.
  static final double W_AUDIT = 0.35;
  static final double W_GROWTH = 0.20;
  static final double W_ENGAGEMENT_CHECK = 0.15;
  static final double W_AMPLIFICATION_CHECK = 0.15;
  static final double W_ACCOUNT = 0.15;
  /** Least total weight of assessed signals for an authenticity score and a verdict. */
  static final double MIN_EVIDENCE_WEIGHT = 0.25;
  /** One signal below this keeps the verdict from "authentic", whatever the average. */
  static final int WORST_SIGNAL_FOR_AUTHENTIC = 25;

  private final FakeScorer scorer;

  AuthenticitySignals(FakeScorer scorer) {
    this.scorer = scorer;
  }

  /** The features most often behind the fake-looking followers of every sample, strongest first. */
  List<String> fakeDrivers(Account account) {
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

  Signal auditSignal(Account account, Optional<FollowerAudit> audit) {
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

  Signal growthSignal(Account account, List<GrowthAnomaly> anomalies) {
    int points = account.followerHistory().size();
    if (points < Analyzer.MIN_HISTORY) {
      return Signal.notAssessed(Signal.Kind.GROWTH_ANOMALIES, W_GROWTH,
          points == 0 ? Text.of("signal.growth.none") : Text.of("signal.growth.short", points, Analyzer.MIN_HISTORY));
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

  Signal engagementSignal(Account account, PostStats posts) {
    if (account.followers().isEmpty() || account.followers().getAsLong() == 0 || posts.originalsWithCounts < Analyzer.MIN_POSTS) {
      return Signal.notAssessed(Signal.Kind.ENGAGEMENT_CHECK, W_ENGAGEMENT_CHECK,
          Text.of("signal.engagement.none", Analyzer.MIN_POSTS));
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

  Signal amplificationSignal(Account account) {
    List<Account> engagers = account.engagerSample();
    if (engagers.size() < Analyzer.MIN_ENGAGERS) {
      return Signal.notAssessed(Signal.Kind.AMPLIFICATION_CHECK, W_AMPLIFICATION_CHECK,
          Text.of("signal.amplification.none", Analyzer.MIN_ENGAGERS));
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

  Authenticity authenticity(Account account, List<Signal> signals, boolean automatedLooking,
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
    boolean oldEnough = account.ageDays(now).orElse(Double.MAX_VALUE) >= Analyzer.MIN_AGE_DAYS;
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
}
