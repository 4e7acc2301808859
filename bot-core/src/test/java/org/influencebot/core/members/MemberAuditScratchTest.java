package org.influencebot.core.members;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberAuditScratchTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void scratch() {
    var scenarios = List.of(
        List.<SyntheticCommunity.Burst>of(),
        List.of(SyntheticCommunity.Burst.organic(12.3, 600, 180)),
        List.of(SyntheticCommunity.Burst.bought(9.6, 500, 20)),
        List.of(SyntheticCommunity.Burst.organic(20.3, 600, 180), SyntheticCommunity.Burst.bought(5.6, 300, 15),
            SyntheticCommunity.Burst.bought(200.2, 800, 30)));
    for (var sc : scenarios) {
      for (long seed = 1; seed <= 8; seed++) {
        var built = SyntheticCommunity.build(seed, NOW, 6, 1000, sc);
        long t = System.nanoTime();
        var rep = new MemberAuditor().audit(built.members(), NOW);
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.printf("seed %d n=%d recent=%d ref=%d truth=%.3f est=%.3f [%.3f, %.3f] %s %dms%n", seed, rep.total(),
            rep.recentJoiners(), rep.established(), built.boughtShareSince(NOW, 30), rep.boughtShare().share(),
            rep.boughtShare().low(), rep.boughtShare().high(), rep.boughtShare().abstention(), ms);
        if (System.getenv("WAVES") != null) for (var w : rep.waves()) {
          System.out.printf("   wave %s size=%d min=%d day=%d usual=%.0f week=%s noav=%s inact=%s age=%s share=%.3f [%.3f, %.3f]%n",
              w.start(), w.size(), w.minutes(), w.joinsThatDay(), w.usualDailyJoins(), w.createdSameWeek(),
              w.defaultAvatar(), w.inactive(), w.medianAgeDays(), w.boughtShare().share(), w.boughtShare().low(),
              w.boughtShare().high());
        }
      }
    }
  }
}
