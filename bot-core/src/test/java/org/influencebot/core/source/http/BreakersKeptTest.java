package org.influencebot.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.influencebot.core.source.resilience.CircuitBreaker;
import org.junit.jupiter.api.Test;

/** Mastodon lookups may name any instance: the breakers of failing ones are bounded and forgotten too. */
class BreakersKeptTest {
  @Test
  void openBreakersOfManyFailingInstancesAreBoundedAndForgottenWhenIdle() throws Exception {
    try (TestRuntime t = new TestRuntime()) {
      SourceHttp http = t.runtime.http(new SourceErrors("mastodon", "Mastodon"), TestRuntime.policy(1, 1));
      for (int i = 0; i < SourceHttp.MAX_BREAKERS + 500; i++) {
        CircuitBreaker b = http.breaker("failing-" + i + ".example");
        b.recordFailure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
      }
      assertThat(http.breakersKept()).isLessThanOrEqualTo(SourceHttp.MAX_BREAKERS);

      t.clock.advance(SourceHttp.BREAKER_IDLE.plus(Duration.ofSeconds(1)));
      assertThat(http.breakersKept()).isZero();
    }
  }
}
