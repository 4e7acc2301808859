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
  void aChatHasItsOwnLimitAcrossUsers() {
    for (int i = 0; i < 5; i++) {
      assertThat(limits.tryRequest("user" + i, "chat")).isEmpty();
    }
    assertThat(limits.tryRequest("another", "chat")).isPresent();
    assertThat(limits.tryRequest("another", "other-chat")).isEmpty();
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
