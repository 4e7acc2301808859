package org.influencebot.core.source.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.influencebot.core.source.http.TestRuntime.MutableClock;
import org.junit.jupiter.api.Test;

class ResilienceTest {
  private static final Instant NOW = Instant.parse("2026-11-28T15:00:00Z");

  @Test
  void backoffGrowsWithJitterAndStaysUnderTheCap() {
    RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(10));
    Random r = new Random(7);
    for (int i = 0; i < 200; i++) {
      assertThat(p.delay(1, Optional.empty(), r).toMillis()).isBetween(200L, 400L);
      assertThat(p.delay(2, Optional.empty(), r).toMillis()).isBetween(400L, 800L);
      assertThat(p.delay(6, Optional.empty(), r).toMillis()).isBetween(1000L, 2000L);
      assertThat(p.delay(60, Optional.empty(), r).toMillis()).isBetween(1000L, 2000L);
    }
    // Seeded: the same seed gives the same delays.
    assertThat(p.delay(2, Optional.empty(), new Random(1))).isEqualTo(p.delay(2, Optional.empty(), new Random(1)));
  }

  @Test
  void aLongerServerHintWins() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.delay(1, Optional.of(Duration.ofSeconds(3)), new Random(1))).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.delay(1, Optional.of(Duration.ZERO), new Random(1)).toMillis()).isBetween(250L, 500L);
  }

  @Test
  void readsRetryAfterSecondsAndHttpDates() {
    assertThat(ServerWaitHint.from(Map.of("Retry-After", "7")::get, NOW)).contains(Duration.ofSeconds(7));
    assertThat(ServerWaitHint.from(Map.of("Retry-After", "Sat, 28 Nov 2026 15:01:00 GMT")::get, NOW))
        .contains(Duration.ofSeconds(60));
    assertThat(ServerWaitHint.from(Map.of("Retry-After", "soon")::get, NOW)).isEmpty();
    assertThat(ServerWaitHint.from(Map.<String, String>of()::get, NOW)).isEmpty();
  }

  @Test
  void readsMastodonIsoResetEpochSecondsAndRelativeSeconds() {
    assertThat(ServerWaitHint.from(Map.of("X-RateLimit-Reset", "2026-11-28T15:00:30.000Z")::get, NOW))
        .contains(Duration.ofSeconds(30));
    assertThat(ServerWaitHint.from(Map.of("X-RateLimit-Reset", Long.toString(NOW.getEpochSecond() + 12))::get, NOW))
        .contains(Duration.ofSeconds(12));
    assertThat(ServerWaitHint.from(Map.of("X-RateLimit-Reset", "5")::get, NOW)).contains(Duration.ofSeconds(5));
    // In the past: no wait. Absurd: capped.
    assertThat(ServerWaitHint.from(Map.of("X-RateLimit-Reset", "2020-01-01T00:00:00Z")::get, NOW))
        .contains(Duration.ZERO);
    assertThat(ServerWaitHint.from(Map.of("Retry-After", "999999999999")::get, NOW)).contains(Duration.ofDays(1));
    // Both: the longer wins.
    assertThat(ServerWaitHint.from(Map.of("Retry-After", "3", "X-RateLimit-Reset", "2026-11-28T15:00:09Z")::get, NOW))
        .contains(Duration.ofSeconds(9));
  }

  @Test
  void breakerOpensAfterThresholdFailsFastThenLetsOneTrialThrough() {
    MutableClock clock = new MutableClock(NOW);
    CircuitBreaker b = new CircuitBreaker(clock, 3, Duration.ofMinutes(2));
    for (int i = 0; i < 2; i++) {
      assertThat(b.tryAcquire()).isEmpty();
      b.recordFailure();
    }
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(b.tryAcquire()).isEmpty();
    b.recordFailure();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(b.tryAcquire()).contains(Duration.ofMinutes(2));
    clock.advance(Duration.ofSeconds(90));
    assertThat(b.tryAcquire()).contains(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    assertThat(b.tryAcquire()).isEmpty(); // the trial
    assertThat(b.tryAcquire()).isPresent(); // others wait while it runs
    b.recordFailure();
    assertThat(b.tryAcquire()).contains(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(2));
    assertThat(b.tryAcquire()).isEmpty();
    b.recordSuccess();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(b.tryAcquire()).isEmpty();
  }

  @Test
  void aSuccessResetsTheFailureCount() {
    CircuitBreaker b = new CircuitBreaker(new MutableClock(NOW), 2, Duration.ofMinutes(1));
    b.recordFailure();
    b.recordSuccess();
    b.recordFailure();
    assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void aServersRemainingCountIsSpentOneRequestAtATimeAndLateAnswersCannotRaiseIt() {
    MutableClock clock = new MutableClock(NOW);
    ServerRateLimits limits = new ServerRateLimits(clock);
    assertThat(limits.reserve("appview")).as("nothing known: not held back").isEmpty();
    String reset = Long.toString(NOW.plusSeconds(53).getEpochSecond());
    limits.observe("appview", 200, Map.of("RateLimit-Remaining", "2", "RateLimit-Reset", reset)::get, Duration.ZERO);
    assertThat(limits.reserve("appview")).isEmpty();
    assertThat(limits.reserve("appview")).isEmpty();
    // An answer to an earlier request, sent before those two, still says 2: the count stays spent.
    limits.observe("appview", 200, Map.of("RateLimit-Remaining", "2", "RateLimit-Reset", reset)::get, Duration.ZERO);
    assertThat(limits.reserve("appview")).contains(Duration.ofSeconds(53));
    assertThat(limits.reserve("other.host")).isEmpty();
    clock.advance(Duration.ofSeconds(53));
    assertThat(limits.reserve("appview")).as("a new window").isEmpty();
  }

  @Test
  void a429EmptiesTheWindowUntilTheLaterOfRetryAfterAndTheReset() {
    MutableClock clock = new MutableClock(NOW);
    ServerRateLimits limits = new ServerRateLimits(clock);
    limits.observe("m.example", 429, Map.of("Retry-After", "20", "X-RateLimit-Reset",
        NOW.plusSeconds(45).toString())::get, Duration.ofMillis(500));
    assertThat(limits.exhausted("m.example")).contains(Duration.ofSeconds(45));
    limits.observe("n.example", 429, Map.<String, String>of()::get, Duration.ofMillis(500));
    assertThat(limits.reserve("n.example")).contains(Duration.ofMillis(500));
  }
}
