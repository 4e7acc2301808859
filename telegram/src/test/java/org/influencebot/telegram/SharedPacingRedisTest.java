package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.influencebot.core.limit.LocalBuckets;
import org.influencebot.redis.RedisBuckets;
import org.influencebot.redis.RedisLink;
import org.influencebot.redis.RedisTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Two processes' senders for one bot, their limits in a real Redis, sending through the real
 * TelegramBots client to {@link FakeBotApi}: what the fake receives stays within Telegram's limits for
 * the bot as a whole, per chat and per group, although each sender alone would send twice as much.
 */
class SharedPacingRedisTest {
  private static final long SECOND = 1_000_000_000L;
  /** A group's budget of 4 a minute (Telegram's is 20), so that two senders would break it in seconds. */
  private static final TelegramOptions.Pacing PACING = new TelegramOptions.Pacing(Duration.ofSeconds(1), 4, 30);
  private static final int OWN_CHATS = 45;
  private static final int COMMON_CHATS = 10;
  private static final long GROUP = -100_500;

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  /** Closed after the test, after what uses it. */
  private <T extends AutoCloseable> T started(T server) {
    toClose.add(server);
    return server;
  }

  /** One process's sender, with its own connection to Redis and its own HTTP client. */
  private PacedSender replica(FakeBotApi api, String redisUrl) {
    RedisLink link = RedisLink.connect(redisUrl, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    link.awaitConnected(Duration.ofSeconds(5));
    toClose.add(link);
    RedisBuckets buckets = new RedisBuckets(link, new LocalBuckets(Ticker.systemTicker(), 1_000),
        TimeMeter.SYSTEM_MILLISECONDS);
    TelegramOptions options = api.options().withPacing(PACING);
    PacedSender sender = new PacedSender(options, System::nanoTime,
        Optional.of(new SharedPacing(buckets, options.botId(), PACING)));
    toClose.add(() -> sender.close(Duration.ZERO));
    sender.start();
    return sender;
  }

  private OkHttpTelegramClient client(FakeBotApi api) {
    OkHttpClient http = new OkHttpClient();
    toClose.add(() -> {
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
    });
    return new OkHttpTelegramClient(http, FakeBotApi.TOKEN, new TelegramUrl("http", "127.0.0.1", api.port(), false));
  }

  private static void send(PacedSender sender, OkHttpTelegramClient client, long chat, String text) {
    SendSchedule.Kind kind = chat < 0 ? SendSchedule.Kind.GROUP : SendSchedule.Kind.PRIVATE;
    assertThat(sender.offer("chat:" + chat, kind, List.of(new PacedSender.Request(text,
        () -> {
          try {
            return client.executeAsync(SendMessage.builder().chatId(chat).text(text).build());
          } catch (TelegramApiException e) {
            return CompletableFuture.failedFuture(e);
          }
        })))).isTrue();
  }

  @Test
  void twoSendersKeepTheBotsTheChatsAndTheGroupsLimitsTogether() throws Exception {
    FakeBotApi api = started(new FakeBotApi());
    RedisTestServer redis = started(new RedisTestServer());
    {
      List<PacedSender> senders = List.of(replica(api, redis.url()), replica(api, redis.url()));
      for (int r = 0; r < senders.size(); r++) {
        PacedSender sender = senders.get(r);
        OkHttpTelegramClient client = client(api);
        // Each process: its own chats, the chats both answer, and as many to the group as its budget.
        for (int c = 0; c < OWN_CHATS; c++) {
          send(sender, client, 10_000 + 1_000 * r + c, "own " + r + "/" + c);
        }
        for (int c = 0; c < COMMON_CHATS; c++) {
          send(sender, client, 20_000 + c, "common " + r + "/" + c);
        }
        for (int g = 0; g < PACING.perGroupPerMinute(); g++) {
          send(sender, client, GROUP, "group " + r + "/" + g);
        }
      }
      int privateMessages = 2 * (OWN_CHATS + COMMON_CHATS);
      for (int seen = 0; seen < privateMessages; ) {
        seen += api.next(FakeBotApi.Call::isNewMessage).chatId() > 0 ? 1 : 0;
      }

      List<FakeBotApi.Call> sent = api.all().stream().filter(FakeBotApi.Call::isNewMessage).toList();
      Map<Long, List<Long>> byChat = new HashMap<>();
      for (FakeBotApi.Call c : sent) {
        byChat.computeIfAbsent(c.chatId(), x -> new ArrayList<>()).add(c.atNanos());
      }
      List<Long> all = sent.stream().map(FakeBotApi.Call::atNanos).sorted().toList();
      List<Long> group = byChat.get(GROUP);
      System.out.printf("two senders, limits in Redis: %d messages; highest %d/s overall, %d in a group's minute;"
          + " %d and %d waits for the other process%n", sent.size(), TelegramLoadTest.maxInWindow(all, SECOND),
          TelegramLoadTest.maxInWindow(group, 60 * SECOND), senders.get(0).sharedWaits(), senders.get(1).sharedWaits());

      assertThat(sent.stream().map(FakeBotApi.Call::text).distinct()).as("each sent once")
          .hasSize(sent.size());
      assertThat(TelegramLoadTest.maxInWindow(all, SECOND)).as("the bot's 30 a second, both senders together")
          .isLessThanOrEqualTo(PACING.perSecond());
      for (Map.Entry<Long, List<Long>> chat : byChat.entrySet()) {
        assertThat(TelegramLoadTest.maxInWindow(chat.getValue(), SECOND)).as("one a second in chat %d", chat.getKey())
            .isEqualTo(1);
      }
      assertThat(byChat.get(20_000L)).as("a chat both processes answer").hasSize(2);
      assertThat(TelegramLoadTest.maxInWindow(group, 60 * SECOND)).as("the group's budget, both senders together")
          .isLessThanOrEqualTo(PACING.perGroupPerMinute());
      assertThat(senders).allSatisfy(s -> assertThat(s.sharedWaits()).isPositive());
    }
  }

  @Test
  void withRedisDownEachSenderPacesItselfAndEverythingIsSent() throws Exception {
    FakeBotApi api = started(new FakeBotApi());
    RedisTestServer redis = new RedisTestServer();
    redis.stop();
    {
      PacedSender sender = replica(api, redis.url());
      OkHttpTelegramClient client = client(api);
      for (int c = 0; c < 40; c++) {
        send(sender, client, 30_000 + c, "alone " + c);
      }
      send(sender, client, 30_000, "again");
      List<Long> times = new ArrayList<>();
      for (int i = 0; i < 41; i++) {
        times.add(api.next(FakeBotApi.Call::isNewMessage).atNanos());
      }
      times.sort(null);
      // The local schedule's limits (counted from Telegram's answers), as with no Redis at all.
      assertThat(TelegramLoadTest.maxInWindow(times, SECOND)).isLessThanOrEqualTo(PACING.perSecond());
      List<Long> again = api.all().stream().filter(c -> c.chatId() == 30_000).map(FakeBotApi.Call::atNanos).toList();
      assertThat(again).hasSize(2);
      assertThat(again.get(1) - again.get(0)).isGreaterThanOrEqualTo(SECOND);
    }
  }
}
