package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PacedSenderTest {
  @Test
  void aFullQueueRefusesRepliesButStillTakesTheTryAgainNotice() {
    TelegramOptions options = TelegramOptions.of("1:x").withQueueSize(2);
    // Not started: nothing leaves the queue.
    PacedSender sender = new PacedSender(options, System::nanoTime);
    PacedSender.Request r = new PacedSender.Request("test", () -> CompletableFuture.completedFuture(null));
    assertThat(sender.offer("chat:1", SendSchedule.Kind.PRIVATE, List.of(r, r))).isTrue();
    assertThat(sender.offer("chat:2", SendSchedule.Kind.PRIVATE, List.of(r))).isFalse();
    assertThat(sender.offerNotice("chat:2", SendSchedule.Kind.PRIVATE, r)).isTrue();
    assertThat(sender.offerNotice("chat:3", SendSchedule.Kind.PRIVATE, r)).as("the reserve is spent").isFalse();
    assertThat(sender.refused()).isEqualTo(2);
    sender.close(Duration.ZERO);
  }

  @Test
  void aRequestThatFailsForGoodIsCountedAndDoesNotBlockItsChat() throws Exception {
    PacedSender sender = new PacedSender(TelegramOptions.of("1:x")
        .withPacing(new TelegramOptions.Pacing(Duration.ofMillis(10), 20, 30)), System::nanoTime);
    sender.start();
    CompletableFuture<Void> second = new CompletableFuture<>();
    sender.offer("chat:1", SendSchedule.Kind.PRIVATE, List.of(
        new PacedSender.Request("bad", () -> CompletableFuture.failedFuture(new IllegalStateException("400"))),
        new PacedSender.Request("good", () -> {
          second.complete(null);
          return CompletableFuture.completedFuture(null);
        })));
    second.get(5, java.util.concurrent.TimeUnit.SECONDS);
    sender.close(Duration.ofSeconds(1));
    assertThat(sender.failed()).isEqualTo(1);
    assertThat(sender.sent()).isEqualTo(1);
  }
}
