package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.quantify.Abstention;
import org.influencebot.core.quantify.ReferenceEstimator;
import org.influencebot.core.quantify.Yardsticks;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.References;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/** What each network's audiences and profiles are measured against, as the bot runs it. */
class YardstickAnalysisTest {
  private static final Clock CLOCK = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
  private static final Messages EN = Messages.english();
  private static final Messages FR = Messages.forTag("fr");

  /** Instagram-like: counts only, people who follow many; its followers the same. */
  private static Account countsOnly(Account a) {
    return Account.builder(a.handle()).network("instagram").observedAt(SampleAccounts.OBSERVED)
        .followers(a.followers()).following(a.following()).posts(a.posts()).build();
  }

  private static Account instagramAccount(double fakeShare, long seed) {
    List<Account> followers = SampleAccounts.followers(new Random(seed), 200, fakeShare).stream()
        .map(YardstickAnalysisTest::countsOnly).toList();
    return Account.builder("ig_creator").network("instagram").observedAt(SampleAccounts.OBSERVED)
        .followers(12_000).following(900).posts(340).followerSample(followers)
        .followerSampleMethod(Account.SampleMethod.RANDOM).build();
  }

  private static References instagramReference() {
    List<Account> ref = SampleAccounts.followers(new Random(77), 500, 0.05).stream()
        .map(YardstickAnalysisTest::countsOnly).toList();
    Reference r = new Reference("instagram", ref, SampleAccounts.OBSERVED, Reference.Method.FILE, "instagram.jsonl");
    return new References() {
      @Override
      public Optional<Reference> find(String network) {
        return network.equals("instagram") ? Optional.of(r) : Optional.empty();
      }

      @Override
      public List<Reference.Summary> list() {
        return List.of(r.summary());
      }
    };
  }

  private static Summary analyze(References refs, Account a) {
    return new Analyzer(FakeModel.loadDefault(), Yardsticks.shipped(refs), CLOCK).analyze(Handle.of("instagram",
        a.handle()), a, "file");
  }

  @Test
  void withoutAYardstickANetworkGetsNoNumberAndTheReplySaysWhy() {
    Summary s = analyze(References.none(), instagramAccount(0, 3));
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    assertThat(audit.assessed()).isFalse();
    assertThat(audit.strata().get(0).estimate().orElseThrow().abstention()).contains(Abstention.NO_REFERENCE);
    String why = EN.format(s.authenticity().signals().get(0).evidence());
    assertThat(why).contains("no sample of ordinary Instagram accounts to compare them with");
    assertThat(FR.format(s.authenticity().signals().get(0).evidence())).contains("comptes ordinaires de Instagram");
    Signal own = s.authenticity().signals().stream().filter(x -> x.kind() == Signal.Kind.ACCOUNT_CHECK).findFirst()
        .orElseThrow();
    assertThat(own.assessed()).isFalse();
    assertThat(EN.format(own.evidence())).contains("No sample of ordinary Instagram accounts");
  }

  @Test
  void againstTheNetworksReferenceAGenuineAudienceIsMeasuredAndNotCalledInflated() {
    Summary s = analyze(instagramReference(), instagramAccount(0, 3));
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    assertThat(audit.estimated()).isTrue();
    assertThat(audit.share().getAsDouble()).isLessThanOrEqualTo(0.1);
    assertThat(audit.reference()).hasValueSatisfying(r -> {
      assertThat(r.network()).isEqualTo("instagram");
      assertThat(r.accounts()).isEqualTo(500);
    });
    assertThat(s.authenticity().verdict()).isNotEqualTo(Verdict.LIKELY_INFLATED);
    assertThat(EN.format(s.authenticity().signals().get(0).evidence()))
        .contains("measured against 500 Instagram accounts drawn at random");
  }

  @Test
  void againstTheNetworksReferenceABoughtAudienceIsMeasured() {
    Summary s = analyze(instagramReference(), instagramAccount(0.5, 4));
    FollowerAudit audit = s.authenticity().audit().orElseThrow();
    assertThat(audit.share().getAsDouble()).isBetween(0.3, 0.65);
    assertThat(audit.low()).isLessThanOrEqualTo(0.5);
  }

  @Test
  void everyNetworkWithoutAReferenceIsNotMeasuredTwitterIncluded() {
    Yardsticks y = Yardsticks.shipped(References.none());
    assertThat(y.forNetwork(Optional.of("twitter")).estimate(SampleAccounts.followers(new Random(1), 50, 0),
        SampleAccounts.OBSERVED).abstention()).contains(Abstention.NO_REFERENCE);
    // The model's threshold still judges a Twitter profile (its labeled files are Twitter's), no other.
    assertThat(y.labeled(Optional.of("twitter"))).isTrue();
    assertThat(y.labeled(Optional.of("instagram"))).isFalse();
    assertThat(y.forNetwork(Optional.of("mastodon")).estimate(SampleAccounts.followers(new Random(1), 50, 0),
        SampleAccounts.OBSERVED).abstention()).contains(Abstention.NO_REFERENCE);
    assertThat(y.forNetwork(Optional.empty()).estimate(List.of(), SampleAccounts.OBSERVED).abstention())
        .contains(Abstention.NO_REFERENCE);
  }

  @Test
  void aReferenceTooSmallToMeasureAgainstIsNoYardstick() {
    Reference tiny = new Reference("instagram", SampleAccounts.followers(new Random(1), ReferenceEstimator.MIN_REFERENCE - 1,
        0), SampleAccounts.OBSERVED, Reference.Method.FILE, "x");
    References refs = References.firstOf(List.of(new References() {
      @Override
      public Optional<Reference> find(String network) {
        return Optional.of(tiny);
      }

      @Override
      public List<Reference.Summary> list() {
        return List.of(tiny.summary());
      }
    }));
    assertThat(Yardsticks.shipped(refs).yardstick(Optional.of("instagram"))).isEmpty();
  }
}
