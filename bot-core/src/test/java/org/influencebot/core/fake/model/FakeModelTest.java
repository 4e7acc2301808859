package org.influencebot.core.fake.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import org.influencebot.core.account.Account;
import org.influencebot.core.fake.FakeAssessment;
import org.junit.jupiter.api.Test;

class FakeModelTest {
  private static final Instant OBSERVED = Instant.parse("2016-03-15T12:00:00Z");
  private final FakeModel model = FakeModel.loadDefault();

  private static Account.Builder person() {
    return Account.builder("giulia_r").network("twitter").createdAt(Instant.parse("2010-05-01T00:00:00Z"))
        .observedAt(OBSERVED).followers(420).following(380).posts(5200).likes(900).listed(7).hasAvatar(true)
        .bio("Designer in Milan, coffee and bikes");
  }

  private static Account.Builder boughtFollower() {
    return Account.builder("xk77bwq").network("twitter").createdAt(Instant.parse("2016-01-20T00:00:00Z"))
        .observedAt(OBSERVED).followers(3).following(1900).posts(0).likes(0).listed(0).hasAvatar(false);
  }

  @Test
  void loadsTheShippedResourceWithProvenance() {
    assertThat(model.name()).isEqualTo("fake-model-v1");
    assertThat(model.subModels()).extracting(SubModel::name)
        .containsExactly("full", "no_likes_listed", "no_age", "counts");
    assertThat(model.provenance().path("seed").asLong()).isEqualTo(42);
    assertThat(model.provenance().path("datasets")).hasSize(7);
    assertThat(model.subModels()).allSatisfy(s -> assertThat(s.threshold()).isBetween(0.5, 1.0));
    assertThat(FakeModel.loadDefault()).isSameAs(model);
  }

  @Test
  void separatesAnObviousFakeFromAnOrdinaryPerson() {
    FakeAssessment human = model.assess(person().build());
    FakeAssessment fake = model.assess(boughtFollower().build());
    assertThat(human.enoughEvidence()).isTrue();
    assertThat(human.looksFake()).isFalse();
    assertThat(human.fakeProbability()).isLessThan(0.2);
    assertThat(fake.looksFake()).isTrue();
    assertThat(fake.fakeProbability()).isGreaterThan(0.9);
    assertThat(fake.drivers()).isNotEmpty().hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates()
        .allSatisfy(k -> assertThat(k).startsWith("feature."));
    assertThat(fake.drivers()).containsAnyOf("feature.few_followers", "feature.following_ratio", "feature.few_posts");
  }

  @Test
  void unknownLikesAreNotZeroLikes() {
    Account zero = person().likes(0).build();
    Account unknown = person().likes(java.util.OptionalLong.empty()).build();
    double[] x = new double[Feature.COUNT];
    int knownZero = Feature.extract(zero, 0, x);
    assertThat(x[Feature.LOG_LIKES.ordinal()]).isEqualTo(0.0);
    int knownUnknown = Feature.extract(unknown, 0, x);
    assertThat(x[Feature.LOG_LIKES.ordinal()]).isNaN();
    assertThat(x[Feature.LIKES_PER_DAY.ordinal()]).isNaN();
    // The documented way: without likes, the sub-model that never uses likes scores the account.
    assertThat(model.subModelFor(knownZero).name()).isEqualTo("full");
    assertThat(model.subModelFor(knownUnknown).name()).isEqualTo("no_likes_listed");
    assertThat(model.subModelFor(knownUnknown).features()).doesNotContain(Feature.LOG_LIKES, Feature.LIKES_PER_DAY,
        Feature.LOG_LISTED, Feature.NEVER_LISTED);
    double pZero = model.probability(zero);
    double pUnknown = model.probability(unknown);
    assertThat(pUnknown).isNotEqualTo(pZero);
    // Zero likes is evidence (people like things); unknown likes is not.
    assertThat(pUnknown).isLessThan(pZero);
  }

  @Test
  void instagramLikeAndBlueskyLikeInputAreScored() {
    Account instagram = Account.builder("lucia.photos").network("instagram").followers(850).following(610).posts(230)
        .hasAvatar(true).isProtected(true).build();
    FakeAssessment a = model.assess(instagram);
    assertThat(a.enoughEvidence()).isTrue();
    assertThat(model.subModelFor(Feature.extract(instagram, 0, new double[Feature.COUNT])).name()).isEqualTo("counts");
    assertThat(a.looksFake()).isFalse();

    Account bluesky = Account.builder("alice.bsky.social").network("bluesky").createdAt(Instant.parse("2023-05-01T00:00:00Z"))
        .observedAt(Instant.parse("2025-01-01T00:00:00Z")).followers(120).following(150).posts(800).hasAvatar(true).build();
    assertThat(model.subModelFor(Feature.extract(bluesky, 0, new double[Feature.COUNT])).name()).isEqualTo("no_likes_listed");
    assertThat(model.assess(bluesky).looksFake()).isFalse();
  }

  @Test
  void tooLittleKnownIsNotEnoughEvidence() {
    FakeAssessment a = model.assess(Account.builder("someone").followers(3).build());
    assertThat(a.enoughEvidence()).isFalse();
    assertThat(a.looksFake()).isFalse();
    assertThat(model.probability(Account.builder("someone").followers(3).posts(2).build())).isNaN();
    assertThat(model.assess(Account.builder("nobody").build()).enoughEvidence()).isFalse();
  }

  @Test
  void missingSoftFieldsUseTheirLearnedTermAndNeverCrash() {
    Account withBio = person().build();
    Account noBio = person().bio(null).build();
    Account emptyBio = person().bio("").build();
    Account noAvatar = person().hasAvatar(null).build();
    for (Account a : new Account[] {withBio, noBio, emptyBio, noAvatar}) {
      double p = model.probability(a);
      assertThat(p).isBetween(0.0, 1.0);
    }
    assertThat(model.probability(noBio)).isNotEqualTo(model.probability(emptyBio));
  }

  @Test
  void extremeValuesAreClampedToTheTrainingRange() {
    Account huge = person().followers(900_000_000L).following(0).posts(999_999_999L).likes(0).listed(0).build();
    FakeAssessment a = model.assess(huge);
    assertThat(a.fakeProbability()).isBetween(0.0, 1.0);
    Account newborn = person().createdAt(OBSERVED).build();
    assertThat(model.probability(newborn)).isBetween(0.0, 1.0);
  }

  @Test
  void everyDriverKeyHasAnEnglishAndAFrenchSentence() {
    ResourceBundle en = ResourceBundle.getBundle("org.influencebot.core.text.messages", Locale.ENGLISH,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    ResourceBundle fr = ResourceBundle.getBundle("org.influencebot.core.text.messages", Locale.FRENCH,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    for (Feature f : Feature.values()) {
      for (String k : new String[] {f.lowKey(), f.highKey()}) {
        if (k == null) {
          continue;
        }
        assertThat(en.containsKey(k)).as(k).isTrue();
        assertThat(fr.getString(k)).as(k).isNotEqualTo(en.getString(k));
        assertThat(new java.text.MessageFormat(fr.getString(k), Locale.FRENCH).format(new Object[0])).doesNotContain("''");
      }
    }
  }

  @Test
  void fileRoundTripKeepsScores() {
    FakeModel again = FakeModel.read(model.toJson());
    Account a = boughtFollower().build();
    assertThat(again.probability(a)).isCloseTo(model.probability(a), within(1e-12));
    assertThat(again.toJson()).isEqualTo(model.toJson());
  }
}
