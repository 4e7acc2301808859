package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.account.FollowerStratum;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/** The follower audit by strata (issue 12, items 4 to 7): what the newest followers say, and what they do not. */
class AudienceAuditTest {
  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
  private final Analyzer analyzer = new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), CLOCK);

  /** {@code fake} fake-looking and {@code real} genuine followers, shuffled. */
  static List<Account> followers(Random r, int fake, int real) {
    List<Account> out = new ArrayList<>();
    for (int i = 0; i < fake; i++) {
      out.add(SampleAccounts.fakeFollower(r, "f" + i));
    }
    for (int i = 0; i < real; i++) {
      out.add(SampleAccounts.realFollower(r, "u" + i));
    }
    Collections.shuffle(out, r);
    return out;
  }

  /**
   * 6,400 followers, 1,500 of them bought ten days ago: the newest 500 are 485 bought and 15 gained since.
   * The truth: about 4,900 authentic followers.
   */
  static Account.Builder boughtRecently(Random r) {
    List<FollowerPoint> organic = SampleAccounts.history(r, 120, 4_900, 1.5, 1);
    List<FollowerPoint> history = new ArrayList<>();
    for (int i = 0; i < organic.size(); i++) {
      history.add(new FollowerPoint(organic.get(i).at(), organic.get(i).followers() + (i >= 110 ? 1_500 : 0)));
    }
    return Account.builder("bought_recently").network("sample").observedAt(SampleAccounts.OBSERVED)
        .createdAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(1_500)))
        .followers(6_400).following(300).posts(2_000).likes(800).listed(4).hasAvatar(true)
        .followerHistory(history)
        .followerSample(followers(r, 485, 15)).followerSampleMethod(Account.SampleMethod.NEWEST);
  }

  private Summary analyze(Account a) {
    return analyzer.analyze(Handle.of("sample", a.handle()), a, "sample");
  }

  @Test
  void theNewestFollowersShareIsNotAppliedToTheWholeAudience() {
    Summary s = analyze(boughtRecently(new Random(1)).build());
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    long authentic = s.influence().authenticFollowers().getAsLong();
    assertThat(authentic).isBetween(4_500L, 5_300L);
    assertThat(audit.authenticLow().getAsLong()).isLessThanOrEqualTo(4_900);
    assertThat(audit.authenticHigh().getAsLong()).isGreaterThanOrEqualTo(4_900);
    assertThat(audit.measured()).isCloseTo(500 / 6_400.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(audit.strata()).extracting(FollowerAudit.Stratum::basis)
        .containsExactly(FollowerAudit.Basis.SAMPLE, FollowerAudit.Basis.REST_FROM_HISTORY);
    FollowerAudit.Stratum newest = audit.strata().get(0);
    assertThat(newest.share().getAsDouble()).isGreaterThan(0.85);
    assertThat(newest.offset()).hasValue(0);
    assertThat(newest.size()).isEqualTo(500);
    // The reply says which part was measured and how, and never the newest share applied to everyone.
    String evidence = Messages.english().format(s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence());
    assertThat(evidence).contains("the newest 500 followers, 8% of the audience").contains("The other 5,900 followers")
        .contains("follower history");
    // The interval says what it cannot count, in both languages.
    assertThat(evidence).contains("not counting bots that imitate people");
    assertThat(Messages.forTag("fr").format(s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence()))
        .contains("hors robots qui imitent des personnes");
    assertThat(s.influence().component(Component.Kind.REACH).score().getAsInt())
        .isEqualTo(Analyzer.reachScore(authentic));
  }

  @Test
  void withoutHistoryOrDeeperRunsTheRestIsNotMeasuredAndWidensTheInterval() {
    Summary s = analyze(boughtRecently(new Random(1)).followerHistory(List.of()).build());
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    assertThat(audit.share()).isEmpty();
    assertThat(s.influence().authenticFollowers()).isEmpty();
    assertThat(audit.high()).isGreaterThan((5_900 + 450) / 6_400.0);
    assertThat(audit.low()).isLessThan(0.08);
    assertThat(audit.strata().get(1).basis()).isEqualTo(FollowerAudit.Basis.NOT_MEASURED);
    // Reach on the most that can be authentic: the 5,900 unread followers are neither fake nor claimed.
    long atMost = audit.authenticHigh().getAsLong();
    assertThat(atMost).isBetween(5_900L, 6_000L);
    assertThat(s.influence().component(Component.Kind.REACH).score()).hasValue(Analyzer.reachScore(atMost));
    Messages en = Messages.english();
    assertThat(en.format(s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence()))
        .contains("Only part of the audience was measured").contains("not counting bots that imitate people")
        .contains("not measured");
  }

  @Test
  void deeperRunsMeasureTheOlderFollowers() {
    Random r = new Random(2);
    Account a = boughtRecently(r).followerHistory(List.of())
        .followerStrata(List.of(new FollowerStratum(2_000, followers(r, 0, 200)),
            new FollowerStratum(4_000, followers(r, 1, 199))))
        .build();
    Summary s = analyze(a);
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    assertThat(audit.strata()).extracting(FollowerAudit.Stratum::basis).containsExactly(FollowerAudit.Basis.SAMPLE,
        FollowerAudit.Basis.DEEPER, FollowerAudit.Basis.DEEPER, FollowerAudit.Basis.REST_FROM_DEEPER);
    assertThat(audit.measured()).isCloseTo(900 / 6_400.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(s.influence().authenticFollowers().getAsLong()).isBetween(5_400L, 6_000L);
    assertThat(s.sampledFollowers()).isEqualTo(900);
    assertThat(Messages.english().format(s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence()))
        .contains("Measured deeper in the follower list: 400 followers in 2 runs");
  }

  @Test
  void aRandomSampleStandsForTheWholeAudience() {
    Random r = new Random(3);
    Account a = boughtRecently(r).followerSample(followers(r, 20, 180))
        .followerSampleMethod(Account.SampleMethod.RANDOM).build();
    FollowerAudit audit = analyze(a).authenticity().audit().orElseThrow();
    assertThat(audit.strata()).hasSize(1);
    assertThat(audit.measured()).isEqualTo(1.0);
    assertThat(audit.share().getAsDouble()).isBetween(0.05, 0.2);
  }

  /** A good-looking account whose follower list cannot be read: every other signal is fine. */
  private static Account.Builder hidden(Random r) {
    return Account.builder("hidden").network("sample").observedAt(SampleAccounts.OBSERVED)
        .createdAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(2_000)))
        .followers(9_000).following(400).posts(5_000).likes(7_000).listed(40).hasAvatar(true)
        .bio("Baker in Lille").defaultProfile(false).verified(false).declaredBot(false)
        .followerHistory(SampleAccounts.history(r, 120, 9_000, 8, 3))
        .recentPosts(SampleAccounts.posts(r, 30, 1, 330, 0.1, 0.1))
        .engagerSample(SampleAccounts.engagers(r, 200, 150, 0.02));
  }

  @Test
  void aHiddenFollowerListNeverYieldsLooksAuthentic() {
    Random r = new Random(4);
    for (Account a : List.of(hidden(r).isProtected(true).build(), hidden(r).isProtected(false).build(),
        hidden(r).followerSample(followers(r, 0, 5)).followerSampleMethod(Account.SampleMethod.NEWEST).build())) {
      Summary s = analyze(a);
      assertThat(s.authenticity().score().getAsInt()).isGreaterThanOrEqualTo(75);
      assertThat(s.authenticity().verdict()).isEqualTo(Verdict.NOT_ENOUGH_EVIDENCE);
      assertThat(s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).assessed()).isFalse();
      assertThat(s.influence().authenticFollowers()).isEmpty();
    }
    Summary protectedOne = analyze(hidden(r).isProtected(true).build());
    assertThat(protectedOne.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence().key())
        .isEqualTo("signal.follower_audit.private");
    Summary fewRead = analyze(hidden(r).followerSample(followers(r, 0, 5)).build());
    assertThat(Messages.english().format(fewRead.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT).evidence()))
        .isEqualTo("Followers were read but not measured, because too few of them could be judged: not assessed.");
  }

  @Test
  void aWeekOldPersonIsTooNewToJudgeNotFake() {
    Summary s = analyze(SampleAccounts.all().stream().filter(a -> a.handle().equals("brand_new")).findFirst().orElseThrow());
    Signal self = s.authenticity().signal(Signal.Kind.ACCOUNT_CHECK);
    assertThat(self.assessed()).isFalse();
    assertThat(Messages.english().format(self.evidence())).startsWith("The account is 7 days old: too new to judge")
        .doesNotContain("fake");
    assertThat(Messages.forTag("fr").format(self.evidence())).startsWith("Le compte a 7 jours : trop récent");
    assertThat(s.authenticity().verdict()).isEqualTo(Verdict.NOT_ENOUGH_EVIDENCE);
  }

  @Test
  void aQuietAccountIsNotJudgedOnItsOwnProfile() {
    Random r = new Random(5);
    Account quiet = SampleAccounts.fakeFollower(r, "quiet").toBuilder()
        .createdAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(900))).posts(4).build();
    Signal self = analyze(quiet).authenticity().signal(Signal.Kind.ACCOUNT_CHECK);
    assertThat(self.evidence().key()).isEqualTo("signal.account.too_quiet");
    assertThat(analyze(quiet).authenticity().verdict()).isNotEqualTo(Verdict.LIKELY_AUTOMATED);
  }

  @Test
  void theReasonSentenceSaysItIsAboutTheFollowersThatLookFakeInBothLanguages() {
    Summary s = analyze(boughtRecently(new Random(1)).build());
    Signal audit = s.authenticity().signal(Signal.Kind.FOLLOWER_AUDIT);
    String en = Messages.english().format(audit.evidence());
    String fr = Messages.forTag("fr").format(audit.evidence());
    assertThat(en).containsPattern("The followers that look fake mostly (have|are|follow|followed|gained|post|like|still)")
        .doesNotContain("because followed").doesNotContain("because has").doesNotContain(" its age");
    assertThat(fr).containsPattern("Les abonnés qui semblent faux, pour la plupart, (ont|sont|suivent|publient|aiment|affichent|ne |n'ont|figurent)")
        .doesNotContain("parce que a ").doesNotContain("son âge");
  }

  @Test
  void theAccountsOwnReasonSentenceHasItsSubject() {
    Random r = new Random(6);
    Account old = SampleAccounts.fakeFollower(r, "old_fake").toBuilder()
        .createdAt(SampleAccounts.OBSERVED.minus(Duration.ofDays(900))).posts(30).build();
    Signal self = analyze(old).authenticity().signal(Signal.Kind.ACCOUNT_CHECK);
    assertThat(self.evidence().key()).isEqualTo("signal.account.fake");
    assertThat(Messages.english().format(self.evidence())).contains("mostly because it ").doesNotContain("fake score");
    assertThat(Messages.forTag("fr").format(self.evidence())).contains("surtout parce qu'il ");
  }

  @Test
  void jumpsLaterPurgedAreNotCountedAsStillThere() {
    List<FollowerPoint> h = new ArrayList<>();
    java.time.LocalDate d = java.time.LocalDate.of(2026, 1, 1);
    long n = 1_000;
    for (int i = 0; i < 60; i++) {
      n += i == 30 ? 5_003 : i > 30 ? -12 : 3;
      h.add(new FollowerPoint(d.plusDays(i), n));
    }
    List<GrowthAnomaly> jumps = GrowthAnomalyDetector.detect(h);
    assertThat(jumps).hasSize(1);
    // 29 days after the jump each lost 12 against a usual gain of 3: 15 bought followers gone a day.
    assertThat(AudienceAuditor.inJumps(h, jumps)).isEqualTo(5_000 - 29 * 15);
  }
}
