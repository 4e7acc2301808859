package org.influencebot.core.members;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.influencebot.core.testing.HeapWatch;
import org.junit.jupiter.api.Test;

/**
 * 100,000 members audited (docs/performance.md, "Member audits"): the time of each of five audits after one
 * warm-up, and the heap while they run. The bound is loose for a shared CI machine; the measured figures are in
 * the docs.
 */
class MemberAuditScaleTest {
  @Test
  void hundredThousandMembers() {
    Instant now = MemberAuditEvaluationTest.NOW;
    SyntheticCommunity.Built b = SyntheticCommunity.build(11, now, 92, 1000, List.of(
        SyntheticCommunity.Burst.organic(12.3, 3000, 180), SyntheticCommunity.Burst.bought(5.6, 2000, 20),
        SyntheticCommunity.Burst.bought(200.2, 3000, 30)));
    assertTrue(b.members().size() >= 95_000 && b.members().size() <= 105_000, "members " + b.members().size());
    MemberAuditor auditor = new MemberAuditor();
    MemberAuditReport warm = auditor.audit(b.members(), now);
    long best = Long.MAX_VALUE;
    long worst = 0;
    try (HeapWatch heap = new HeapWatch()) {
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        MemberAuditReport r = auditor.audit(b.members(), now);
        long ms = (System.nanoTime() - t) / 1_000_000;
        best = Math.min(best, ms);
        worst = Math.max(worst, ms);
        assertTrue(r.waves().size() == warm.waves().size());
      }
      System.out.printf("members audit: %d members, %d recent joiners, %d waves, bought share %.3f (truth %.3f);"
          + " time best %d ms, worst %d ms; %s%n", b.members().size(), warm.recentJoiners(), warm.waves().size(),
          warm.boughtShare().share(), b.boughtShareSince(now, 30), best, worst, heap.report());
    }
    assertTrue(worst < 10_000, "worst " + worst + " ms");
  }
}
