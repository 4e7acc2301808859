package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pacing decisions, driven by a fake clock. */
class SendScheduleTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  private static SendSchedule<String> schedule() {
    return new SendSchedule<>(TelegramOptions.Pacing.telegramDefaults());
  }

  @Test
  void aChatGetsOneMessageASecondInOrder() {
    SendSchedule<String> s = schedule();
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "a");
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "b");
    assertThat(s.next(0)).isEqualTo("a");
    assertThat(s.next(1)).as("one in flight per chat").isNull();
    s.done("chat:1", 10 * MS);
    assertThat(s.next(10 * MS)).as("within the second").isNull();
    assertThat(s.waitFrom(10 * MS)).as("a second from the answer").isEqualTo(S);
    assertThat(s.next(S)).isNull();
    assertThat(s.next(S + 10 * MS)).isEqualTo("b");
  }

  @Test
  void chatsTakeTurnsAndTheOverallBudgetIsThirtyASecond() {
    SendSchedule<String> s = schedule();
    for (int c = 0; c < 40; c++) {
      s.add("chat:" + c, SendSchedule.Kind.PRIVATE, "m" + c);
    }
    int sent = 0;
    while (s.next(5 * MS) != null) {
      sent++;
    }
    assertThat(sent).isEqualTo(30);
    assertThat(s.waitFrom(5 * MS)).as("all in flight: wait for answers").isEqualTo(Long.MAX_VALUE);
    for (int c = 0; c < 30; c++) {
      s.done("chat:" + c, 20 * MS);
    }
    assertThat(s.next(20 * MS)).as("the answered still count for a second").isNull();
    assertThat(s.waitFrom(20 * MS)).isEqualTo(S);
    assertThat(s.next(S + 20 * MS)).isEqualTo("m30");
  }

  @Test
  void aGroupGetsTwentyMessagesAMinute() {
    SendSchedule<String> s = schedule();
    for (int i = 0; i < 21; i++) {
      s.add("chat:-1", SendSchedule.Kind.GROUP, "g" + i);
    }
    long now = 0;
    for (int i = 0; i < 20; i++) {
      assertThat(s.next(now)).isEqualTo("g" + i);
      s.done("chat:-1", now);
      now += S;
    }
    assertThat(s.next(now)).as("21st within the minute").isNull();
    assertThat(s.waitFrom(now)).isEqualTo(60 * S - now);
    assertThat(s.next(60 * S)).isEqualTo("g20");
  }

  @Test
  void aRetryGoesBackToTheHeadOfItsChatAfterTheWait() {
    SendSchedule<String> s = schedule();
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "a");
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "b");
    assertThat(s.next(0)).isEqualTo("a");
    s.retry("chat:1", "a", 50 * MS, Duration.ofSeconds(3).toNanos());
    assertThat(s.next(2 * S)).isNull();
    assertThat(s.next(3 * S + 50 * MS)).isEqualTo("a");
    assertThat(s.next(3 * S + 50 * MS)).isNull();
    assertThat(s.pending()).isEqualTo(2);
  }

  @Test
  void answersToQueriesAreOnlyBoundByTheOverallBudget() {
    SendSchedule<String> s = schedule();
    s.add("answer:1", SendSchedule.Kind.ANSWER, "x");
    s.add("answer:1", SendSchedule.Kind.ANSWER, "y");
    assertThat(s.next(0)).isEqualTo("x");
    s.done("answer:1", 1);
    assertThat(s.next(2)).isEqualTo("y");
    s.done("answer:1", 3);
    assertThat(s.lanes()).isZero();
  }

  @Test
  void idleChatsAreForgottenOnceTheirLimitsNoLongerMatter() {
    SendSchedule<String> s = schedule();
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "a");
    s.add("chat:-1", SendSchedule.Kind.GROUP, "g");
    s.next(0);
    s.next(0);
    s.done("chat:1", 1);
    s.done("chat:-1", 1);
    s.sweep(61 * S);
    assertThat(s.lanes()).isZero();
    assertThat(s.pending()).isZero();
  }

  @Test
  void aJobPutBackKeepsItsPlaceAndWaitsAloneOrWithEveryChat() {
    SendSchedule<String> s = schedule();
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "a");
    s.add("chat:1", SendSchedule.Kind.PRIVATE, "b");
    s.add("chat:2", SendSchedule.Kind.PRIVATE, "c");
    assertThat(s.next(0)).isEqualTo("a");
    // Another process sent to chat 1 a moment ago: "a" waits 800 ms, chat 2 does not.
    s.putBack("chat:1", "a", 0, 800 * MS, false);
    assertThat(s.pending()).isEqualTo(3);
    assertThat(s.next(MS)).isEqualTo("c");
    // The bot's shared budget is spent for 30 ms: no chat sends.
    s.putBack("chat:2", "c", MS, 30 * MS, true);
    assertThat(s.next(20 * MS)).isNull();
    assertThat(s.waitFrom(20 * MS)).isEqualTo(11 * MS);
    assertThat(s.next(31 * MS)).isEqualTo("c");
    assertThat(s.next(31 * MS)).isNull();
    assertThat(s.next(800 * MS)).as("back first in its chat, not counted as sent").isEqualTo("a");
    s.done("chat:1", 810 * MS);
    s.done("chat:2", 810 * MS);
    assertThat(s.next(1810 * MS)).isEqualTo("b");
  }
}
