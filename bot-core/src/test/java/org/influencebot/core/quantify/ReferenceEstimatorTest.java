package org.influencebot.core.quantify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.influencebot.core.SharedData;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Test;

class ReferenceEstimatorTest {
  private static final FakeModel MODEL = FakeModel.loadDefault();
  private static final Instant NOW = SampleAccounts.OBSERVED;

  private static Yardstick yardstick(List<Account> accounts) {
    return Yardstick.of(new Reference("sample", accounts, NOW, Reference.Method.SYNTHETIC, "test"), MODEL);
  }

  @Test
  void aGenuineAudienceLikeTheNetworksOrdinaryAccountsIsNotCounted() {
    Yardstick y = yardstick(SampleAccounts.followers(new Random(1), 500, 0.04));
    ReferenceEstimator e = new ReferenceEstimator(MODEL);
    for (int seed = 2; seed < 12; seed++) {
      ShareEstimate s = e.estimate(SampleAccounts.followers(new Random(seed), 200, 0), y, NOW);
      assertThat(s.abstained()).isFalse();
      assertThat(s.share()).as("seed %d: %s", seed, s).isZero();
      assertThat(s.low()).isZero();
      assertThat(s.high()).isBetween(QuantifyingEstimator.noneSeenUpperBound(200), 0.4);
      assertThat(s.reference()).contains(y.summary());
    }
  }

  @Test
  void aBoughtShareIsMeasuredBeyondTheNetworksOwn() {
    Yardstick y = yardstick(SampleAccounts.followers(new Random(1), 500, 0.04));
    ShareEstimate s = new ReferenceEstimator(MODEL).estimate(SampleAccounts.followers(new Random(5), 200, 0.5), y, NOW);
    // About half are fake-looking; the reference's own 4% are the network's usual share, not counted.
    assertThat(s.share()).isBetween(0.35, 0.6);
    assertThat(s.low()).isLessThanOrEqualTo(s.share());
    assertThat(s.high()).isGreaterThanOrEqualTo(s.share());
    assertThat(s.high() - s.low()).isLessThan(0.3);
    assertThat(s.estimator()).startsWith("reference/");
  }

  @Test
  void theSameSampleAndReferenceGiveTheSameEstimate() {
    Yardstick y = yardstick(SampleAccounts.followers(new Random(1), 500, 0.04));
    List<Account> audience = SampleAccounts.followers(new Random(3), 200, 0.2);
    ReferenceEstimator e = new ReferenceEstimator(MODEL);
    assertThat(e.estimate(audience, y, NOW)).isEqualTo(e.estimate(audience, y, NOW));
  }

  @Test
  void tooFewScorableFollowersAbstain() {
    Yardstick y = yardstick(SampleAccounts.followers(new Random(1), 500, 0.04));
    List<Account> few = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      few.add(Account.builder("nobody" + i).build());
    }
    ShareEstimate s = new ReferenceEstimator(MODEL).estimate(few, y, NOW);
    assertThat(s.abstention()).contains(Abstention.TOO_FEW_ASSESSED);
    assertThat(s.low()).isZero();
    assertThat(s.high()).isEqualTo(1);
  }

  /**
   * Genuine audiences of a labeled population against a reference of the same population holding 5% fakes:
   * the least of noisy ratios alone puts some of them above 10%; the permutation test keeps every one at 0.
   */
  @Test
  void withoutThePermutationTestGenuineAudiencesWouldBeAccused() throws Exception {
    Path file = SharedData.dir().resolve("datasets/twitter-cresci-stock-2018.jsonl");
    SharedData.require(file);
    PopulationAudits.Population p = PopulationAudits.population("stock", Dataset.read(file), Dataset.read(file));
    PopulationAudits.Options o = new PopulationAudits.Options(new double[] {0}, 200, 30, 500, 0.05, 42, 0);
    ReferenceEstimator guarded = new ReferenceEstimator(MODEL);
    ReferenceEstimator plain = new ReferenceEstimator(MODEL, new ReferenceEstimator.Options(0.3, 200, 0, 0.01));
    double guardedMax = PopulationAudits.audit(p, guarded, java.util.Map.of(), o, List.of()).outcomes().stream()
        .mapToDouble(x -> x.estimate().share()).max().orElseThrow();
    double plainMax = PopulationAudits.audit(p, plain, java.util.Map.of(), o, List.of()).outcomes().stream()
        .mapToDouble(x -> x.estimate().share()).max().orElseThrow();
    assertThat(guardedMax).isLessThanOrEqualTo(0.10);
    assertThat(plainMax).isGreaterThan(0.10);
  }

  @Test
  void aProfileIsPlacedAmongTheReferencesAccounts() {
    Yardstick y = yardstick(SampleAccounts.followers(new Random(1), 500, 0.04));
    Account person = SampleAccounts.realFollower(new Random(9), "person");
    Account fake = SampleAccounts.fakeFollower(new Random(9), "fake");
    assertThat(y.percentile(MODEL.probability(person, NOW.getEpochSecond()))).isLessThan(0.95);
    assertThat(y.percentile(MODEL.probability(fake, NOW.getEpochSecond()))).isGreaterThanOrEqualTo(0.9);
    assertThat(y.size()).isEqualTo(500);
  }
}
