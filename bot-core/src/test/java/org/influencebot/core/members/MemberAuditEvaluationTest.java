package org.influencebot.core.members;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of docs/evaluation.md, "Member audits": synthetic communities with known bought waves, organic
 * growth and organic bursts, {@value #SEEDS} seeds each. Prints the table; fails when the audit misses a bought
 * wave, calls an organic burst bought, or its interval misses the truth too often.
 */
class MemberAuditEvaluationTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final int SEEDS = 10;

  record Scenario(String name, List<SyntheticCommunity.Burst> bursts) {}

  static final List<Scenario> SCENARIOS = List.of(
      new Scenario("organic only", List.of()),
      new Scenario("organic burst (600 in 3 h)", List.of(SyntheticCommunity.Burst.organic(12.3, 600, 180))),
      new Scenario("bought wave (500 in 20 min)", List.of(SyntheticCommunity.Burst.bought(9.6, 500, 20))),
      new Scenario("small bought wave (120 in 10 min)", List.of(SyntheticCommunity.Burst.bought(9.6, 120, 10))),
      new Scenario("burst + bought + old bought", List.of(SyntheticCommunity.Burst.organic(20.3, 600, 180),
          SyntheticCommunity.Burst.bought(5.6, 300, 15), SyntheticCommunity.Burst.bought(200.2, 800, 30))));

  @Test
  void evaluation() {
    StringBuilder table = new StringBuilder(
        "| community | recent joiners | truth | estimate (median) | interval holds truth | |error| > 0.10 |"
            + " bought waves found | organic bursts called bought (share > 0.10) | audit time (median) |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    int organicCalled = 0;
    int organicBursts = 0;
    int boughtWaves = 0;
    int boughtFound = 0;
    int held = 0;
    int runs = 0;
    for (Scenario sc : SCENARIOS) {
      List<Double> est = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      double truthSum = 0;
      int recentSum = 0;
      int hold = 0;
      int far = 0;
      int found = 0;
      int expected = 0;
      int called = 0;
      int bursts = 0;
      for (long seed = 1; seed <= SEEDS; seed++) {
        SyntheticCommunity.Built b = SyntheticCommunity.build(seed, NOW, 6, 1000, sc.bursts());
        long t = System.nanoTime();
        MemberAuditReport r = new MemberAuditor().audit(b.members(), NOW);
        times.add((System.nanoTime() - t) / 1_000_000);
        double truth = b.boughtShareSince(NOW, MemberAuditor.RECENT_DAYS);
        truthSum += truth;
        recentSum += r.recentJoiners();
        est.add(r.boughtShare().share());
        if (r.boughtShare().low() - 1e-9 <= truth && truth <= r.boughtShare().high() + 1e-9) {
          hold++;
        }
        if (Math.abs(r.boughtShare().share() - truth) > 0.10) {
          far++;
        }
        for (SyntheticCommunity.Burst burst : sc.bursts()) {
          Instant start = NOW.minusSeconds(Math.round(burst.daysAgo() * 86_400));
          JoinWave w = r.waves().stream()
              .filter(x -> Math.abs(x.start().getEpochSecond() - start.getEpochSecond()) < 3 * 3600)
              .findFirst().orElse(null);
          if (burst.bought()) {
            expected++;
            if (w != null && w.boughtShare().share() >= 0.8) {
              found++;
            }
          } else {
            bursts++;
            if (w != null && w.boughtShare().share() > 0.10) {
              called++;
            }
          }
        }
      }
      est.sort(null);
      times.sort(null);
      table.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d/%d | %d/%d | %s | %s | %d ms |%n", sc.name(),
          recentSum / SEEDS, truthSum / SEEDS, est.get(SEEDS / 2), hold, SEEDS, far, SEEDS,
          expected == 0 ? "–" : found + "/" + expected, bursts == 0 ? "–" : called + "/" + bursts,
          times.get(SEEDS / 2)));
      organicCalled += called;
      organicBursts += bursts;
      boughtWaves += expected;
      boughtFound += found;
      held += hold;
      runs += SEEDS;
    }
    System.out.println(table);
    // Measured (docs/evaluation.md): 39/40 waves, 1/20 bursts, 39/50 intervals (33/50 before members outside
    // the waves were clustered apart from them); the bounds leave room for a change of seed sequence, not for a
    // change of method.
    assertTrue(boughtFound >= 0.9 * boughtWaves, "bought waves found and measured bought: " + boughtFound + "/" + boughtWaves);
    assertTrue(organicCalled <= 0.2 * organicBursts, "organic bursts called bought: " + organicCalled + "/" + organicBursts);
    assertTrue(held >= 0.7 * runs, "intervals holding the truth: " + held + "/" + runs);
  }
}
