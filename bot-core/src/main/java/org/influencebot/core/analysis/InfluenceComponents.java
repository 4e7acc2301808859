package org.influencebot.core.analysis;

import static org.influencebot.core.analysis.ScoreMath.clamp;
import static org.influencebot.core.analysis.ScoreMath.log2;
import static org.influencebot.core.analysis.ScoreMath.pct2;
import static org.influencebot.core.analysis.ScoreMath.round1;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.text.Text;

/** The influence score: its five components and their weighted mean ({@code docs/methodology.md}). */
final class InfluenceComponents {
  // Influence weights (renormalized over the components that could be assessed).
  static final double W_REACH = 0.55;
  static final double W_ENGAGEMENT = 0.15;
  static final double W_AMPLIFICATION = 0.15;
  static final double W_ACTIVITY = 0.08;
  static final double W_STANDING = 0.07;

  private InfluenceComponents() {}

  static InfluenceScore influence(Account account, Optional<FollowerAudit> audit, PostStats posts, Instant now) {
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
    if (account.followers().isEmpty() || account.followers().getAsLong() == 0 || posts.originalsWithCounts < Analyzer.MIN_POSTS) {
      return new Component(Component.Kind.ENGAGEMENT, OptionalInt.empty(), W_ENGAGEMENT,
          Text.of("component.engagement.none", Analyzer.MIN_POSTS));
    }
    long followers = account.followers().getAsLong();
    double rate = posts.meanInteractions / followers;
    double expected = ExpectedEngagement.rate(followers);
    int score = clamp(Math.round(50 + 20 * log2(rate / expected)));
    return new Component(Component.Kind.ENGAGEMENT, OptionalInt.of(score), W_ENGAGEMENT,
        Text.of("component.engagement.result", Math.round(posts.meanInteractions), pct2(rate), pct2(expected)));
  }

  private static Component amplification(Account account, PostStats posts) {
    if (posts.originalsWithReposts < Analyzer.MIN_POSTS) {
      return new Component(Component.Kind.AMPLIFICATION, OptionalInt.empty(), W_AMPLIFICATION,
          Text.of("component.amplification.none", Analyzer.MIN_POSTS));
    }
    double base = 100 * Math.log10(1 + posts.meanAmplification) / 4;
    List<Account> engagers = account.engagerSample();
    double diversity = 1;
    long distinct = 0;
    if (engagers.size() >= Analyzer.MIN_ENGAGERS) {
      distinct = engagers.stream().map(e -> e.handle().toLowerCase(Locale.ROOT)).distinct().count();
      diversity = (double) distinct / engagers.size();
    }
    int score = clamp(Math.round(base * (0.5 + 0.5 * diversity)));
    Text text = engagers.size() >= Analyzer.MIN_ENGAGERS
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

  private static Component standing(Account account) {
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
    if (reach.length >= Analyzer.MIN_ENGAGERS) {
      known = true;
      engagerMedian = reach[reach.length / 2];
      score += Math.min(40, 10 * Math.log10(1 + engagerMedian));
    }
    if (!known) {
      return new Component(Component.Kind.STANDING, OptionalInt.empty(), W_STANDING, Text.of("component.standing.none"));
    }
    Text yesNo = verified ? Text.of("yes") : Text.of("no");
    return new Component(Component.Kind.STANDING, OptionalInt.of(clamp(Math.round(score))), W_STANDING,
        reach.length >= Analyzer.MIN_ENGAGERS ? Text.of("component.standing.result", listed, yesNo, engagerMedian)
            : Text.of("component.standing.lists", listed, yesNo));
  }
}
