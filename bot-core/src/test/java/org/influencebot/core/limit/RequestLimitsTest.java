package org.influencebot.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestLimitsTest {
  private final AtomicLong nanos = new AtomicLong(1);
  private final RequestLimits limits = new RequestLimits(
      new RequestLimits.Options(3, Duration.ofMinutes(1), 5, Duration.ofMinutes(1), Duration.ofSeconds(60)), nanos::get);

  @Test
  void aUserOverTheLimitIsToldHowLongToWait() {
    for (int i = 0; i < 3; i++) {
      assertThat(limits.tryRequest("u1", "chat")).isEmpty();
    }
    assertThat(limits.tryRequest("u1", "chat").getAsLong()).isBetween(1L, 20L);
    nanos.addAndGet(Duration.ofSeconds(21).toNanos());
    assertThat(limits.tryRequest("u1", "chat")).isEmpty();
  }

  @Test
  void aBurstOfDistinctMembersAskingOnceIsNeverRefused() {
    // The burst: 100 members of one server asking once each, at the same moment.
    for (int i = 0; i < 100; i++) {
      assertThat(limits.tryRequest("member" + i, "server")).as("member %d", i).isEmpty();
    }
  }

  @Test
  void aRaidOfMembersAskingAgainIsStoppedByTheServerLimit() {
    // Three members asking three times each (within their own limit of 3): 3 first requests, 6 repeats.
    int refused = 0;
    for (int round = 0; round < 3; round++) {
      for (int m = 0; m < 3; m++) {
        if (limits.tryRequest("raider" + m, "server").isPresent()) {
          refused++;
        }
      }
    }
    assertThat(refused).as("repeats beyond the server's 5").isEqualTo(1);
    // Another server is not affected, and nor is a member asking there for the first time.
    assertThat(limits.tryRequest("raider0", "other-server")).isPresent(); // raider0 used up their own 3
    assertThat(limits.tryRequest("newcomer", "server")).isEmpty();
  }

  @Test
  void aRequestRefusedByTheServerDoesNotUseUpTheMembersOwn() {
    for (int i = 0; i < 5; i++) {
      limits.tryRequest("a" + i, "server");
      limits.tryRequest("a" + i, "server"); // a repeat: takes one of the server's 5
    }
    assertThat(limits.tryRequest("b", "server")).isEmpty();
    assertThat(limits.tryRequest("b", "server")).as("b's repeat, the server's budget spent").isPresent();
    assertThat(limits.tryRequest("b", "elsewhere")).as("b's own budget kept: 2 of 3 used").isEmpty();
  }

  @Test
  void aMembersFirstRequestOfANewWindowIsFreeAgain() {
    for (int i = 0; i < 5; i++) {
      limits.tryRequest("m" + i, "server");
      limits.tryRequest("m" + i, "server");
    }
    limits.tryRequest("m0", "server");
    assertThat(limits.tryRequest("m1", "server")).isPresent();
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    assertThat(limits.tryRequest("m1", "server")).isEmpty();
  }

  @Test
  void inlineQueriesHaveTheirOwnLargerBudget() {
    // Typing "mid_creator" letter by letter: 11 queries, more than the 3 requests a minute.
    for (int i = 0; i < 11; i++) {
      assertThat(limits.tryInline("u1")).as("keystroke %d", i).isEmpty();
    }
    assertThat(limits.tryRequest("u1", "chat")).as("the user's own requests are untouched").isEmpty();
    for (int i = 11; i < 15; i++) {
      assertThat(limits.tryInline("u1")).isEmpty();
    }
    assertThat(limits.tryInline("u1")).as("beyond 5 × 3 a minute").isPresent();
    assertThat(limits.tryInline("u2")).isEmpty();
  }

  @Test
  void refreshHasACooldownPerUser() {
    assertThat(limits.tryRefresh("u1")).isEmpty();
    assertThat(limits.tryRefresh("u1").getAsLong()).isBetween(59L, 60L);
    assertThat(limits.tryRefresh("u2")).isEmpty();
    nanos.addAndGet(Duration.ofSeconds(60).toNanos());
    assertThat(limits.tryRefresh("u1")).isEmpty();
  }
}
