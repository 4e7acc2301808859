package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RememberedRulesTest {
  private final AtomicInteger reads = new AtomicInteger();
  private final MemoryCommunity memory = new MemoryCommunity() {
    @Override
    public ChatRules rules(String platform, String chat) {
      reads.incrementAndGet();
      return super.rules(platform, chat);
    }
  };
  private final AtomicLong nanos = new AtomicLong(1);
  /** Background reads wait here until the test runs them: what an answer waits for shows. */
  private final java.util.Queue<Runnable> background = new java.util.ArrayDeque<>();
  private final RememberedRules remembered = new RememberedRules(memory, Duration.ofSeconds(10), nanos::get,
      background::add);

  private static MemoryCommunity.Rules french() {
    return new MemoryCommunity.Rules(Optional.of(Locale.FRENCH), false, Set.of(), Duration.ZERO, "sample", Set.of());
  }

  @Test
  void aChatsRulesAreReadFromTheStoreOnceThenFromMemory() {
    for (int i = 0; i < 100; i++) {
      assertThat(remembered.rules("discord", "g1").language()).isEmpty();
    }
    assertThat(reads).hasValue(1);
    remembered.rules("discord", "g2");
    assertThat(reads).hasValue(2);
  }

  @Test
  void aChangeMadeHereIsSeenAtOnce() throws Exception {
    remembered.rules("telegram", "-100");
    remembered.change("telegram", "-100", "mod", "cooldown", "30");
    assertThat(remembered.rules("telegram", "-100").cooldown()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aChangeMadeByAnotherProcessIsSeenOnceTheRulesAreReadAgainInTheBackground() {
    assertThat(remembered.rules("discord", "g1").language()).isEmpty();
    memory.set("discord", "g1", french()); // another process, writing to the shared store
    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(remembered.rules("discord", "g1").language()).as("within 10 s: from memory").isEmpty();
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    // The answer never waits: this one still gets the remembered rules and starts a read in the background...
    assertThat(remembered.rules("discord", "g1").language()).isEmpty();
    assertThat(reads).hasValue(1);
    while (!background.isEmpty()) {
      background.poll().run();
    }
    // ...which the next one sees.
    assertThat(remembered.rules("discord", "g1").language()).contains(Locale.FRENCH);
    assertThat(reads).hasValue(2);
  }
}
