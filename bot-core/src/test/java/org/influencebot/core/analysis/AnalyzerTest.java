package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.account.Post;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
  private final Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), CLOCK);
  private final Map<String, Summary> samples = SampleAccounts.all().stream().collect(Collectors.toMap(Account::handle,
      a -> analyzer.analyze(Handle.of("sample", a.handle()), a, "sample"), (a, b) -> a));

  private int influence(String handle) {
    return samples.get(handle).influence().score().getAsInt();
  }

  @Test
  void influenceFollowsTheDocumentedCurve() {
    assertThat(influence("small_person")).isBetween(20, 39);
    assertThat(influence("mid_creator")).isBetween(50, 60);
    assertThat(influence("megastar")).isGreaterThan(80);
  }

  @Test
  void reachAnchorsMatchTheMethodology() {
    assertThat(Analyzer.reachScore(0)).isZero();
    assertThat(Analyzer.reachScore(999)).isEqualTo(40);
    assertThat(Analyzer.reachScore(99_999)).isEqualTo(67);
    assertThat(Analyzer.reachScore(31_622_776)).isEqualTo(100);
  }

  @Test
  void boughtFollowersDoNotRaiseReach() {
    Summary bought = samples.get("bought_5k");
    assertThat(bought.influence().followers().getAsLong()).isGreaterThan(5_000);
    assertThat(bought.influence().authenticFollowers().getAsLong()).isLessThan(2_500);
    assertThat(bought.influence().component(Component.Kind.REACH).score().getAsInt())
        .isLessThan(Analyzer.reachScore(bought.influence().followers().getAsLong()));
  }

  @Test
  void aBoughtPackStandsOutAsAGrowthAnomaly() {
    Authenticity a = samples.get("bought_5k").authenticity();
    assertThat(a.anomalies()).hasSize(1);
    GrowthAnomaly spike = a.anomalies().get(0);
    assertThat(spike.gain()).isBetween(5_000L, 5_020L);
    assertThat(spike.roundPack()).isTrue();
    assertThat(spike.strength()).isGreaterThan(100);
    assertThat(a.signal(Signal.Kind.GROWTH_ANOMALIES).score()).hasValue(0);
    assertThat(a.verdict()).isEqualTo(Verdict.LIKELY_INFLATED);
    assertThat(a.signal(Signal.Kind.FOLLOWER_AUDIT).score().getAsInt()).isLessThan(40);
    assertThat(a.signal(Signal.Kind.ENGAGEMENT_CHECK).evidence().key()).isEqualTo("signal.engagement.low");
  }

  @Test
  void steadyGrowthHasNoAnomaly() {
    assertThat(samples.get("mid_creator").authenticity().anomalies()).isEmpty();
    assertThat(samples.get("megastar").authenticity().anomalies()).isEmpty();
    assertThat(samples.get("mid_creator").authenticity().verdict()).isEqualTo(Verdict.AUTHENTIC);
  }

  @Test
  void detectorFindsAPackOnAFlatHistoryAndIgnoresNoise() {
    List<FollowerPoint> h = new ArrayList<>();
    LocalDate day = LocalDate.of(2026, 1, 1);
    long f = 1_000;
    for (int i = 0; i < 60; i++) {
      f += (i % 3) + 1 + (i == 40 ? 1_000 : 0);
      h.add(new FollowerPoint(day.plusDays(i), f));
    }
    List<GrowthAnomaly> found = GrowthAnomalyDetector.detect(h);
    assertThat(found).singleElement().satisfies(a -> {
      assertThat(a.date()).isEqualTo(day.plusDays(40));
      assertThat(a.roundPack()).isTrue();
    });
  }

  @Test
  void repostsFromAHandfulOfAccountsAreCaught() {
    Authenticity a = samples.get("bot_amplified").authenticity();
    assertThat(a.signal(Signal.Kind.AMPLIFICATION_CHECK).score().getAsInt()).isLessThan(25);
    assertThat(a.verdict()).isNotEqualTo(Verdict.AUTHENTIC);
  }

  @Test
  void aDeclaredBotIsCalledAutomatedWithoutAccusation() {
    Authenticity a = samples.get("weather_bot").authenticity();
    assertThat(a.verdict()).isEqualTo(Verdict.LIKELY_AUTOMATED);
    assertThat(a.signal(Signal.Kind.ACCOUNT_CHECK).evidence().key()).isEqualTo("signal.account.declared");
  }

  @Test
  void aWeekOldAccountIsNotJudged() {
    assertThat(samples.get("brand_new").authenticity().verdict()).isEqualTo(Verdict.NOT_ENOUGH_EVIDENCE);
  }

  @Test
  void missingInputsAreNotAssessedAndLowerConfidence() {
    Authenticity priv = samples.get("locked_down").authenticity();
    assertThat(priv.signal(Signal.Kind.FOLLOWER_AUDIT).assessed()).isFalse();
    assertThat(priv.signal(Signal.Kind.FOLLOWER_AUDIT).evidence().key()).isEqualTo("signal.follower_audit.private");
    Summary counts = samples.get("counts_only");
    assertThat(counts.authenticity().confidence()).isEqualTo(Confidence.LOW);
    assertThat(counts.authenticity().missingInputs()).contains("input.follower_sample", "input.recent_posts", "input.likes");
    assertThat(counts.influence().component(Component.Kind.ENGAGEMENT).assessed()).isFalse();
    assertThat(counts.influence().score()).isPresent();
  }

  @Test
  void unknownLikesAreNotReadAsZero() {
    Function<Account.Builder, Account> base = b -> b.followers(1000).following(200).posts(500).hasAvatar(true)
        .observedAt(SampleAccounts.OBSERVED).build();
    Account unknown = base.apply(Account.builder("a"));
    Summary s = analyzer.analyze(Handle.of("x", "a"), unknown, "test");
    assertThat(s.authenticity().missingInputs()).contains("input.likes");
  }

  @Test
  void engagementFarBelowTheUsualRateIsAGhostAudience() {
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      posts.add(Post.original(Instant.parse("2026-10-01T00:00:00Z").plusSeconds(i * 86_400L), 5, 0, 0, 0));
    }
    Account a = Account.builder("ghost").followers(100_000).recentPosts(posts).observedAt(SampleAccounts.OBSERVED).build();
    Signal s = analyzer.analyze(Handle.of("x", "ghost"), a, "t").authenticity().signal(Signal.Kind.ENGAGEMENT_CHECK);
    assertThat(s.evidence().key()).isEqualTo("signal.engagement.low");
    assertThat(s.score().getAsInt()).isLessThan(10);
  }

  @Test
  void wilsonIntervalBehavesAtTheEdges() {
    double[] zero = Wilson.interval(0, 100, Wilson.Z95);
    assertThat(zero[0]).isLessThan(1e-12);
    assertThat(zero[1]).isBetween(0.03, 0.04);
    double[] half = Wilson.interval(50, 100, Wilson.Z95);
    assertThat(half[0]).isBetween(0.40, 0.41);
    assertThat(half[1]).isBetween(0.59, 0.60);
  }

  @Test
  void oneSummaryReadsTheClockOnceSoTheAuditAndTheAgeShareOneNow() {
    Instant start = SampleAccounts.OBSERVED;
    // A clock that moves 10 days at every reading: any second reading within one summary shows.
    java.util.concurrent.atomic.AtomicInteger readings = new java.util.concurrent.atomic.AtomicInteger();
    Clock moving = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return start.plus(java.time.Duration.ofDays(10L * readings.getAndIncrement()));
      }
    };
    Account young = SampleAccounts.all().get(2).toBuilder().observedAt(null)
        .createdAt(start.minus(java.time.Duration.ofDays(25))).build();

    Summary s = new Analyzer(new RuleFakeScorer(start), moving).analyze(Handle.of("sample", young.handle()), young, "sample");

    assertThat(readings).hasValue(1);
    assertThat(s.computedAt()).isEqualTo(start);
    assertThat(s.authenticity().signal(Signal.Kind.ACCOUNT_CHECK).assessed()).as("25 days old, too new to judge")
        .isFalse();
  }
}
