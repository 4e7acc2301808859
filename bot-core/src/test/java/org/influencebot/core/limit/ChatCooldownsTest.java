package org.influencebot.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChatCooldownsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final ChatCooldowns cooldowns = new ChatCooldowns(nanos::get);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void aMemberWaitsTheChatsCooldownRoundedUpToASecond() {
    Duration cooldown = Duration.ofSeconds(30);
    assertThat(cooldowns.tryLookup("g1", "u1", cooldown)).isEmpty();
    advance(Duration.ofMillis(10_500));
    assertThat(cooldowns.tryLookup("g1", "u1", cooldown)).hasValue(20);
    assertThat(cooldowns.tryLookup("g2", "u1", cooldown)).as("another chat").isEmpty();
    assertThat(cooldowns.tryLookup("g1", "u2", cooldown)).as("another member").isEmpty();
    advance(Duration.ofMillis(19_500));
    assertThat(cooldowns.tryLookup("g1", "u1", cooldown)).isEmpty();
    assertThat(cooldowns.tryLookup("g1", "u1", Duration.ZERO)).as("no cooldown").isEmpty();
  }

  @Test
  void membersAreForgottenOnceTheLongestCooldownHasPassedHoweverFewThereAre() {
    for (int i = 0; i < 50; i++) {
      cooldowns.tryLookup("g1", "u" + i, Duration.ofMinutes(1));
    }
    assertThat(cooldowns.remembered()).isEqualTo(50);
    advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(cooldowns.remembered()).isZero();
  }

  @Test
  void atMostAHundredThousandMembersAreRemembered() {
    for (int i = 0; i < ChatCooldowns.MAX_ENTRIES + 5_000; i++) {
      cooldowns.tryLookup("g1", "u" + i, Duration.ofMinutes(1));
    }
    assertThat(cooldowns.remembered()).isLessThanOrEqualTo(ChatCooldowns.MAX_ENTRIES);
  }
}
