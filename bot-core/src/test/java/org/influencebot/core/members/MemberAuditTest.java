package org.influencebot.core.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.influencebot.core.quantify.Abstention;
import org.influencebot.core.quantify.ReferenceEstimator;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

class MemberAuditTest {
  static final Instant NOW = MemberAuditEvaluationTest.NOW;

  @Test
  void badLinesAreOneSentenceEachAndSkipped() throws IOException {
    String file = String.join("\n",
        "{\"id\": \"1\", \"joined_at\": \"2026-01-02T00:00:00Z\", \"created_at\": \"2020-01-01\", \"has_avatar\": true}",
        "",
        "not json",
        "[1, 2]",
        "{\"joined_at\": \"2026-01-02T00:00:00Z\"}",
        "{\"id\": \"2\", \"joined_at\": \"yesterday\"}",
        "{\"id\": \"3\", \"has_avatar\": \"yes\"}",
        "{\"id\": \"4\", \"joined_at\": \"2020-01-01\", \"created_at\": \"2021-01-01\"}",
        "{\"id\": \"1\"}",
        "{\"id\": 5, \"is_bot\": null, \"last_active_at\": null, \"name\": \"ignored\"}");
    List<MemberFile.LineError> errors = new ArrayList<>();
    List<Member> members = MemberFile.read(new StringReader(file), errors::add);
    assertEquals(List.of("1", "5"), members.stream().map(Member::id).toList());
    assertEquals(List.of(3, 4, 5, 6, 7, 8, 9), errors.stream().map(MemberFile.LineError::line).toList());
    assertTrue(errors.get(2).message().startsWith("'id': missing"), errors.get(2).message());
    assertTrue(errors.get(3).message().startsWith("'joined_at': not an RFC 3339 time"), errors.get(3).message());
    assertTrue(errors.get(4).message().startsWith("'has_avatar': must be true, false or null"), errors.get(4).message());
    assertTrue(errors.get(5).message().contains("cannot join before it exists"), errors.get(5).message());
    assertTrue(errors.get(6).message().contains("already on line 1"), errors.get(6).message());
    for (MemberFile.LineError e : errors) {
      assertFalse(e.message().contains("\n") || e.message().contains("Exception"), e.message());
    }
    Member five = members.get(1);
    assertTrue(five.joinedAt().isEmpty() && five.bot().isEmpty() && five.lastActiveAt().isEmpty());
  }

  @Test
  void scoreFollowsTheDocumentedWeights() {
    Instant joined = Instant.parse("2026-01-10T00:00:00Z");
    Member old = new Member("a", joined, joined.minusSeconds(400 * 86_400L), true, false, joined.plusSeconds(60));
    Member fresh = new Member("b", joined, joined, false, false, null);
    assertEquals(0, FakeLikeness.score(old, 1, true), 1e-12);
    // age 1, cluster 0, avatar 1, bot 0: (3 + 2) / (3 + 2 + 2 + 1), never active: times 1.5 / 1.5.
    assertEquals(5.0 / 8, FakeLikeness.score(fresh, 1, true), 1e-12);
    // Seen active: the same profile counts two thirds.
    Member spoke = new Member("c", joined, joined, false, false, joined.plusSeconds(60));
    assertEquals(5.0 / 8 / 1.5, FakeLikeness.score(spoke, 1, true), 1e-12);
    assertEquals(1, FakeLikeness.cluster(32), 1e-12);
    assertEquals(0, FakeLikeness.cluster(0.5), 1e-12);
    assertTrue(Double.isNaN(FakeLikeness.score(new Member("d", null, null, null, null, null), Double.NaN, false)));
  }

  @Test
  void scoreLevelEstimatorFindsAKnownMixtureAndNothingInALikeSample() {
    SplittableRandom r = new SplittableRandom(7);
    double[] reference = new double[3000];
    for (int i = 0; i < reference.length; i++) {
      reference[i] = r.nextDouble();
    }
    double[] alike = new double[500];
    double[] mixed = new double[500];
    for (int i = 0; i < 500; i++) {
      alike[i] = r.nextDouble();
      mixed[i] = i < 150 ? 1 + r.nextDouble() : r.nextDouble();
    }
    ReferenceEstimator.Options o = ReferenceEstimator.Options.defaults();
    ShareEstimate none = ReferenceEstimator.estimate(alike, reference, o, "t");
    assertEquals(0, none.share(), 1e-12);
    ShareEstimate some = ReferenceEstimator.estimate(mixed, reference, o, "t");
    assertTrue(some.low() <= 0.30 && 0.30 <= some.high(), some.toString());
    // The estimator reads 0.37 here: its bias correction leaves the point above the truth (see the report).
    assertEquals(0.30, some.share(), 0.09);
    assertEquals(Abstention.NO_REFERENCE,
        ReferenceEstimator.estimate(mixed, new double[50], o, "t").abstention().orElseThrow());
    assertEquals(Abstention.TOO_FEW_ASSESSED,
        ReferenceEstimator.estimate(new double[10], reference, o, "t").abstention().orElseThrow());
  }

  @Test
  void boughtWaveIsFoundDescribedAndMeasured() {
    SyntheticCommunity.Built b = SyntheticCommunity.build(1, NOW, 6, 1000,
        List.of(SyntheticCommunity.Burst.bought(9.6, 500, 20)));
    MemberAuditReport r = new MemberAuditor().audit(b.members(), NOW);
    assertEquals(1, r.waves().size());
    JoinWave w = r.waves().get(0);
    assertEquals(NOW.minusSeconds(Math.round(9.6 * 86_400)).getEpochSecond(), w.start().getEpochSecond(), 300);
    assertTrue(w.size() >= 490 && w.size() <= 505, "size " + w.size());
    assertTrue(w.minutes() <= 25, "minutes " + w.minutes());
    assertTrue(w.defaultAvatar().getAsDouble() > 0.8 && w.inactive().getAsDouble() > 0.95);
    assertTrue(w.createdSameWeek().getAsDouble() > 0.5);
    assertTrue(w.boughtShare().share() > 0.95, w.boughtShare().toString());
    double truth = b.boughtShareSince(NOW, 30);
    assertTrue(r.boughtShare().low() <= truth && truth <= r.boughtShare().high(), r.boughtShare() + " truth " + truth);
    assertEquals(r.windows().last7() + r.windows().last30(), r.recentJoiners());
    assertEquals(b.members().size(), r.windows().last7() + r.windows().last30() + r.windows().last90()
        + r.windows().earlier() + r.windows().unknown());
  }

  @Test
  void organicBurstIsAWaveButNotBought() {
    SyntheticCommunity.Built b = SyntheticCommunity.build(2, NOW, 6, 1000,
        List.of(SyntheticCommunity.Burst.organic(12.3, 600, 180)));
    MemberAuditReport r = new MemberAuditor().audit(b.members(), NOW);
    assertEquals(1, r.waves().size());
    assertTrue(r.waves().get(0).boughtShare().share() < 0.05, r.waves().get(0).boughtShare().toString());
    assertTrue(r.boughtShare().share() < 0.05, r.boughtShare().toString());
  }

  @Test
  void sameMembersSameAuditAndNoIdInTheReply() {
    SyntheticCommunity.Built b = SyntheticCommunity.build(3, NOW, 6, 1000,
        List.of(SyntheticCommunity.Burst.bought(4.2, 200, 10)));
    MemberAuditReport one = new MemberAuditor().audit(b.members(), NOW);
    MemberAuditReport two = new MemberAuditor().audit(new ArrayList<>(b.members()), NOW);
    assertEquals(MemberAuditJson.toJson(one, true), MemberAuditJson.toJson(two, true));
    for (Messages m : List.of(Messages.english(), Messages.forTag("fr"))) {
      String text = String.join("\n", MemberAuditText.lines(one, m));
      for (Member member : b.members()) {
        assertFalse(text.contains(member.id()), "member id in the reply: " + member.id());
      }
      assertFalse(text.contains("members.") || text.contains("{"), text);
    }
    var json = MemberAuditJson.toJson(one, false);
    assertFalse(json.has("listed_members"));
    for (String key : List.of("bought_share", "bought_share_low", "bought_share_high", "recent_window_days", "waves")) {
      assertTrue(json.has(key), key);
    }
    var wave = json.get("waves").get(0);
    for (String key : List.of("start", "size", "minutes", "bought_share")) {
      assertTrue(wave.has(key), key);
    }
  }

  @Test
  void aYoungCommunityHasNoYardstick() {
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant j = NOW.minusSeconds(86_400L * (i % 20));
      members.add(new Member("m" + i, j, j.minusSeconds(86_400L * 400), true, false, null));
    }
    MemberAuditReport r = new MemberAuditor().audit(members, NOW);
    assertEquals(Abstention.NO_REFERENCE, r.boughtShare().abstention().orElseThrow());
    String text = String.join("\n", MemberAuditText.lines(r, Messages.english()));
    assertTrue(text.contains("Only 0 established members"), text);
  }
}
