package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, faults on the Telegram side, with the real TelegramBots client against {@link FakeBotApi}:
 * a storm of 429s, a 409 conflict that does not last, and the Bot API unreachable for a while (sockets
 * closed, 502 pages). The bot recovers without a restart and every reply it owes arrives exactly once.
 * The faults are counted (the first N answers), not timed, except the outage, which lasts a fixed
 * window measured from its first failed send.
 */
class TelegramFaultsTest {
  private FakeBotApi api;
  private Harness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private void start() throws Exception {
    harness = new Harness(api, api.options(), Harness.noCharts());
    harness.bot.start();
  }

  private static MockResponse badGateway() {
    return new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html")
        .body("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>").build();
  }

  private static MockResponse closedSocket() {
    return new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build();
  }

  /** Successful sendMessage calls (the fake's normal answer), by chat. */
  private Map<Long, List<FakeBotApi.Call>> repliesByChat(int expected) throws InterruptedException {
    Map<Long, List<FakeBotApi.Call>> byChat = new HashMap<>();
    for (int i = 0; i < expected; i++) {
      FakeBotApi.Call c = api.next("sendMessage");
      byChat.computeIfAbsent(c.chatId(), k -> new ArrayList<>()).add(c);
    }
    return byChat;
  }

  @Test
  void aStormOf429sIsWaitedOutChatByChatAndEveryReplyArrivesExactlyOnce() throws Exception {
    api = new FakeBotApi();
    int storm = 12;
    AtomicInteger limited = new AtomicInteger();
    api.override = c -> c.method().equals("sendmessage") && limited.getAndIncrement() < storm
        ? Optional.of(FakeBotApi.tooManyRequests(1)) : Optional.empty();
    start();
    long[] chats = {3001, 3002, 3003, 3004};
    for (long chat : chats) {
      api.privateText(chat, "en", "/influence @small_person");
    }
    Map<Long, List<FakeBotApi.Call>> byChat = repliesByChat(chats.length);
    assertThat(byChat.keySet()).containsExactlyInAnyOrder(3001L, 3002L, 3003L, 3004L);
    byChat.values().forEach(calls -> assertThat(calls).hasSize(1));

    // Every sendMessage: 12 refused, then one accepted per chat; nothing more comes.
    List<FakeBotApi.Call> sends = api.all().stream().filter(c -> c.method().equals("sendmessage")).toList();
    assertThat(sends).hasSize(storm + chats.length);
    // In each chat, a new attempt never came sooner than retry_after (1 s) after the one refused.
    for (long chat : chats) {
      List<Long> at = sends.stream().filter(c -> c.chatId() == chat).map(FakeBotApi.Call::atNanos).sorted().toList();
      for (int i = 1; i < at.size(); i++) {
        assertThat(at.get(i) - at.get(i - 1)).as("chat %d attempt %d", chat, i)
            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(950));
      }
    }
    // The storm is over: a new question is answered at once.
    api.privateText(3001, "en", "/influence @mid_creator");
    assertThat(api.next("sendMessage").text()).startsWith("<b>@\u2060mid_creator");
    assertThat(harness.bot.stopped()).isNotDone();
  }

  @Test
  void a409ConflictThatStopsBeforeTheThresholdLeavesTheBotRunningAndAnswering() throws Exception {
    api = new FakeBotApi();
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger polls = new AtomicInteger();
    api.override = c -> {
      if (!c.method().equals("getupdates")) {
        return Optional.empty();
      }
      int n = polls.incrementAndGet();
      // Polls 2 and 3: another poller briefly used the token (fewer than the 3 in a row that stop the bot).
      if (n == 2 || n == 3) {
        conflicts.incrementAndGet();
        return Optional.of(FakeBotApi.json(409,
            "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates request\"}"));
      }
      return Optional.empty();
    };
    start();
    api.privateText(3101, "en", "/influence @small_person");
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(3101);
    // Still running after the conflicts: the next question is answered too, and only once each.
    api.privateText(3101, "en", "/influence @mid_creator");
    assertThat(api.next("sendMessage").text()).startsWith("<b>@\u2060mid_creator");
    assertThat(conflicts.get()).isEqualTo(2);
    assertThat(harness.bot.stopped()).isNotDone();
    assertThat(api.all().stream().filter(c -> c.method().equals("sendmessage"))).hasSize(2);
  }

  /**
   * Regression, "reply dropped after three failed sends during a Bot API outage": the sender gave a
   * reply up after three network failures (1 s and 2 s apart), and at once on a JSON 5xx, so an outage
   * of a few seconds lost every reply in flight ("Telegram refused sendMessage: Unable to deserialize
   * response"). Passing failures are now retried with doubling waits for up to ten minutes.
   */
  @Test
  void replyDroppedAfterThreeFailedSendsDuringABotApiOutage() throws Exception {
    api = new FakeBotApi();
    Duration outage = Duration.ofSeconds(4);
    AtomicLong outageStart = new AtomicLong(Long.MAX_VALUE);
    AtomicInteger failedSends = new AtomicInteger();
    AtomicInteger failedPolls = new AtomicInteger();
    api.override = c -> {
      boolean send = c.method().equals("sendmessage");
      if (send) {
        outageStart.compareAndSet(Long.MAX_VALUE, c.atNanos()); // the outage starts with the first reply
      }
      if (c.atNanos() - outageStart.get() >= outage.toNanos() || c.atNanos() < outageStart.get()) {
        return Optional.empty();
      }
      if (send) {
        // In turn a proxy's 502 page, the Bot API's own JSON 502, and a connection closed before any answer.
        return Optional.of(switch (failedSends.incrementAndGet() % 3) {
          case 1 -> badGateway();
          case 2 -> FakeBotApi.json(502, "{\"ok\":false,\"error_code\":502,\"description\":\"Bad Gateway\"}");
          default -> closedSocket();
        });
      }
      if (c.method().equals("getupdates")) {
        failedPolls.incrementAndGet();
        return Optional.of(failedPolls.get() % 2 == 1 ? closedSocket() : badGateway());
      }
      return Optional.empty();
    };
    start();
    long[] chats = {3201, 3202, 3203};
    for (long chat : chats) {
      api.privateText(chat, "en", "/influence @small_person");
    }
    // Owed replies: all three, exactly once, after the outage.
    Map<Long, List<FakeBotApi.Call>> byChat = new HashMap<>();
    for (int i = 0; i < chats.length; i++) {
      FakeBotApi.Call c = api.next("sendMessage");
      byChat.computeIfAbsent(c.chatId(), k -> new ArrayList<>()).add(c);
    }
    assertThat(byChat.keySet()).containsExactlyInAnyOrder(3201L, 3202L, 3203L);
    byChat.values().forEach(calls -> {
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).atNanos() - outageStart.get()).isGreaterThanOrEqualTo(outage.toNanos());
    });
    assertThat(failedSends.get()).isGreaterThanOrEqualTo(chats.length);
    assertThat(failedPolls.get()).isPositive();
    // Polling came back by itself: a new question is answered.
    api.privateText(3204, "en", "/influence @mid_creator");
    FakeBotApi.Call late = api.next("sendMessage");
    assertThat(late.chatId()).isEqualTo(3204);
    assertThat(harness.bot.stopped()).isNotDone();
    // Exactly once: one accepted sendMessage per question.
    List<FakeBotApi.Call> accepted = api.all().stream()
        .filter(c -> c.method().equals("sendmessage") && c.atNanos() - outageStart.get() >= outage.toNanos()).toList();
    assertThat(accepted).hasSize(chats.length + 1);
  }
}
