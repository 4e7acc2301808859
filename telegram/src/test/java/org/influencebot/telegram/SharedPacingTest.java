package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.limit.LocalBuckets;
import org.junit.jupiter.api.Test;

/**
 * The shared limits' decisions, driven by a fake clock: two processes' {@link SharedPacing} on the same
 * buckets (here in memory; {@link SharedPacingRedisTest} puts them in a real Redis).
 */
class SharedPacingTest {
  private static final long MS = 1_000_000L;
  private static final long S = 1_000 * MS;

  private final AtomicLong now = new AtomicLong();
  private final LocalBuckets buckets = new LocalBuckets(now::get, 1_000);

  private SharedPacing replica() {
    return new SharedPacing(buckets, "123456", TelegramOptions.Pacing.telegramDefaults());
  }

  @Test
  void twoProcessesAskingAsFastAsTheyCanStayWithinEveryLimitTogether() {
    SharedPacing a = replica();
    SharedPacing b = replica();
    List<Long> all = new ArrayList<>();
    List<Long> group = new ArrayList<>();
    List<Long> chat = new ArrayList<>();
    // Three minutes of both processes asking every millisecond: each for one group, one private chat, and answers.
    for (long t = 0; t < 180 * S; t += MS) {
      now.set(t);
      for (SharedPacing p : List.of(a, b)) {
        if (p.take("chat:-1", SendSchedule.Kind.GROUP).go()) {
          group.add(t);
          all.add(t);
        }
        if (p.take("chat:7", SendSchedule.Kind.PRIVATE).go()) {
          chat.add(t);
          all.add(t);
        }
        if (p.take("answer:" + t, SendSchedule.Kind.ANSWER).go()) {
          all.add(t);
        }
      }
    }
    assertThat(TelegramLoadTest.maxInWindow(all, S)).isLessThanOrEqualTo(30);
    assertThat(TelegramLoadTest.maxInWindow(chat, S)).isEqualTo(1);
    assertThat(TelegramLoadTest.maxInWindow(group, S)).isEqualTo(1);
    assertThat(TelegramLoadTest.maxInWindow(group, 60 * S)).isLessThanOrEqualTo(20);
    // And not much below the limits: 29 per 1.1 s (the window lengthened for the way to Telegram), half a
    // group's minute at once and then 11 a minute, a chat every 1.1 s.
    assertThat(all.size()).isGreaterThan(26 * 180);
    assertThat(group.size()).isBetween(38, 43);
    assertThat(group.get(9)).as("ten at the chat's pace first").isLessThan(12 * S);
    assertThat(chat.size()).isBetween(150, 164);
  }

  @Test
  void aRefusedRequestMayGoAfterTheWaitItWasGiven() {
    SharedPacing a = replica();
    SharedPacing b = replica();
    assertThat(a.take("chat:7", SendSchedule.Kind.PRIVATE).go()).isTrue();
    now.set(300 * MS);
    SharedPacing.Decision refused = b.take("chat:7", SendSchedule.Kind.PRIVATE);
    assertThat(refused.go()).isFalse();
    assertThat(refused.wholeBot()).isFalse();
    assertThat(refused.waitNanos()).isCloseTo(800 * MS, org.assertj.core.data.Offset.offset(MS)); // 1.1 s from the first
    now.addAndGet(refused.waitNanos() - 2 * MS);
    assertThat(b.take("chat:7", SendSchedule.Kind.PRIVATE).go()).isFalse();
    now.addAndGet(2 * MS);
    assertThat(b.take("chat:7", SendSchedule.Kind.PRIVATE).go()).isTrue();
  }

  @Test
  void whenTheBotsBudgetRefusesTheChatKeepsItsTurn() {
    SharedPacing a = replica();
    assertThat(a.take("answer:1", SendSchedule.Kind.ANSWER).go()).isTrue();
    assertThat(a.take("answer:2", SendSchedule.Kind.ANSWER).go()).as("two at once").isTrue();
    SharedPacing.Decision refused = a.take("chat:7", SendSchedule.Kind.PRIVATE);
    assertThat(refused.wholeBot()).as("the bot's 30 a second, spaced").isTrue();
    now.addAndGet(refused.waitNanos());
    assertThat(a.take("chat:7", SendSchedule.Kind.PRIVATE).go())
        .as("the chat's token was given back when the bot's budget refused").isTrue();
  }

  @Test
  void withoutAChatIntervalOnlyTheBotsBudgetApplies() {
    SharedPacing open = new SharedPacing(buckets, "1", new TelegramOptions.Pacing(java.time.Duration.ZERO, 1_000, 1_000));
    int sent = 0;
    for (int i = 0; i < 10; i++) {
      now.addAndGet(2 * MS);
      sent += open.take("chat:7", SendSchedule.Kind.PRIVATE).go() ? 1 : 0;
    }
    assertThat(sent).isEqualTo(10);
  }
}
