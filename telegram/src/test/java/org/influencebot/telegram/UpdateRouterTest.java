package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.influencebot.core.chart.ChartCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The router on its own, with the real TelegramBots client against {@link FakeBotApi}, and a work
 * executor that refuses tasks when a test says so (its queue full): the one fault no fake server reaches.
 */
class UpdateRouterTest {
  private static final long ALICE = 1001;

  private FakeBotApi api;
  private Harness harness;
  private PacedSender sender;
  private ExecutorService pool;
  private final AtomicBoolean full = new AtomicBoolean();
  private UpdateRouter router;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi();
    harness = new Harness(api, api.options(), Harness.noCharts());
    TelegramOptions options = api.options();
    OkHttpTelegramClient client = new OkHttpTelegramClient(new OkHttpClient(), options.token(),
        new TelegramUrl("http", "127.0.0.1", api.port(), false));
    sender = new PacedSender(options, System::nanoTime);
    sender.start();
    pool = Executors.newFixedThreadPool(2);
    Executor work = task -> {
      if (full.get()) {
        throw new RejectedExecutionException("work queue full");
      }
      pool.execute(task);
    };
    router = new UpdateRouter(client, harness.runner, sender, ChartCache.none(), work, FakeBotApi.BOT_NAME, options,
        harness.clock);
  }

  @AfterEach
  void stop() {
    sender.close();
    pool.shutdownNow();
    harness.close();
    api.close();
  }

  private void route() throws Exception {
    List<Update> updates = new ArrayList<>();
    for (ObjectNode u : api.takeUpdates()) {
      updates.add(FakeBotApi.JSON.treeToValue(u, Update.class));
    }
    router.consume(updates);
  }

  @Test
  void aButtonUnderAnInlineMessageThatFailsIsAnsweredOnTheButtonNeverInAChatMadeUpFromTheUserId() throws Exception {
    full.set(true);
    api.inlineButtonPress(ALICE, "inline-msg-1", "ib:di:sample:megastar");
    route();

    FakeBotApi.Call answer = api.next("answerCallbackQuery");
    assertThat(answer.json().path("text").asText()).startsWith("The bot is busy");
    assertThat(api.all()).as("no message to chat -%d, which can be a real group", ALICE)
        .noneMatch(FakeBotApi.Call::isNewMessage);
  }

  @Test
  void anErrorWaitsForTheRepliesBeforeItInItsChat() throws Exception {
    api.privateText(ALICE, "en", "/influence @slow");
    route();
    full.set(true);
    api.privateText(ALICE, "en", "/help"); // refused at once: the executor's queue is full
    route();
    full.set(false);
    assertThat(api.all()).as("nothing overtakes the slow lookup").noneMatch(FakeBotApi.Call::isNewMessage);

    harness.slowGate.complete(null);
    assertThat(api.next("sendMessage").text()).startsWith("<b>@\u2060slow");
    assertThat(api.next("sendMessage").text()).startsWith("The bot is busy");
  }

  @Test
  void anInlineQueryNeverWaitsForASlowRedisOnThePollingThread() throws Exception {
    Thread polling = Thread.currentThread();
    java.util.concurrent.CountDownLatch redisAnswers = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicReference<Thread> askedOn = new java.util.concurrent.atomic.AtomicReference<>();
    org.influencebot.core.limit.Buckets local = new org.influencebot.core.limit.LocalBuckets(() -> 0L, 1_000);
    // A Redis that answers, but slowly: it holds every call until the test lets it answer.
    org.influencebot.core.limit.Buckets slowRedis = new org.influencebot.core.limit.Buckets() {
      @Override
      public io.github.bucket4j.ConsumptionProbe tryConsume(String key, io.github.bucket4j.BucketConfiguration config,
          long tokens) {
        askedOn.set(Thread.currentThread());
        try {
          redisAnswers.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return local.tryConsume(key, config, tokens);
      }

      @Override
      public void addTokens(String key, io.github.bucket4j.BucketConfiguration config, long tokens) {
        local.addTokens(key, config, tokens);
      }
    };
    org.influencebot.core.command.CommandRunner slowLimits = new org.influencebot.core.command.CommandRunner(
        harness.runner.service(), new org.influencebot.core.limit.RequestLimits(
            org.influencebot.core.limit.RequestLimits.Options.defaults(), slowRedis));
    router = new UpdateRouter(new OkHttpTelegramClient(new OkHttpClient(), api.options().token(),
        new TelegramUrl("http", "127.0.0.1", api.port(), false)), slowLimits, sender, ChartCache.none(), pool,
        FakeBotApi.BOT_NAME, api.options(), harness.clock);

    api.inlineQuery(ALICE, "en", "megastar");
    route(); // returns while Redis is still holding the limit's call
    redisAnswers.countDown();

    assertThat(api.next("answerInlineQuery").json().path("results").get(0).path("title").asText())
        .startsWith("@megastar");
    assertThat(askedOn.get()).as("the limit was checked off the polling thread").isNotNull().isNotEqualTo(polling);
  }
}
