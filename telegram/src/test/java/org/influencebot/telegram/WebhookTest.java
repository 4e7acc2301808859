package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Webhook mode with the real TelegramBots client and types, against the fake Bot API. */
class WebhookTest {
  private static final String SECRET = "s3cret_token-42_0123456789abcdef0123456789";
  private final FakeBotApi api;
  private final Harness harness;
  private final HttpClient http = HttpClient.newHttpClient();

  WebhookTest() throws Exception {
    api = new FakeBotApi();
    harness = new Harness(api, api.options(), Harness.noCharts());
  }

  @AfterEach
  void stop() {
    harness.close();
    api.close();
  }

  private URI start(boolean deleteOnStop) {
    harness.bot.useWebhook(new WebhookOptions(URI.create("https://bot.example.org/telegram/hook"),
        new InetSocketAddress("127.0.0.1", 0), SECRET, deleteOnStop));
    harness.bot.start();
    InetSocketAddress at = harness.bot.webhookAddress().orElseThrow();
    return URI.create("http://127.0.0.1:" + at.getPort() + "/telegram/hook");
  }

  private int post(URI hook, String secret, ObjectNode update) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(hook)
        .POST(HttpRequest.BodyPublishers.ofString(update.toString()))
        .header("Content-Type", "application/json");
    if (secret != null) {
      request.header(WebhookServer.SECRET_HEADER, secret);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private ObjectNode update(long user, String text) {
    api.privateText(user, "en", text);
    List<ObjectNode> taken = api.takeUpdates();
    assertThat(taken).hasSize(1);
    return taken.get(0);
  }

  @Test
  void theWebhookIsSetWithItsSecretAndUpdatesPostedWithTheSecretAreAnswered() throws Exception {
    URI hook = start(false);

    FakeBotApi.Call set = api.next("setwebhook");
    assertThat(set.body()).contains("https://bot.example.org/telegram/hook").contains(SECRET);
    assertThat(set.json().path("allowed_updates")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .as("Telegram sends chat_member only when asked").contains("chat_member", "my_chat_member", "message");
    assertThat(post(hook, SECRET, update(501, "/influence @mid_creator"))).isEqualTo(200);

    FakeBotApi.Call reply = api.next("sendmessage");
    assertThat(reply.chatId()).isEqualTo(501);
    assertThat(reply.text()).contains("mid_creator");
  }

  @Test
  void requestsWithoutTheRightSecretAreRefusedAndNotAnswered() throws Exception {
    URI hook = start(false);

    assertThat(post(hook, null, update(601, "/influence @mid_creator"))).isEqualTo(401);
    assertThat(post(hook, SECRET + "x", update(602, "/influence @mid_creator"))).isEqualTo(401);
    assertThat(post(hook, "s3cret_token-43_0123456789abcdef0123456789", update(603, "/influence @mid_creator"))).isEqualTo(401);
    assertThat(http.send(HttpRequest.newBuilder(hook).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode()).isEqualTo(405);
    assertThat(post(hook, SECRET, update(604, "/influence @mid_creator"))).isEqualTo(200);

    assertThat(api.next("sendmessage").chatId()).isEqualTo(604);
    assertThat(api.all()).noneMatch(c -> c.method().equals("sendmessage") && c.chatId() != 604);
  }

  @Test
  void anUnreadableUpdateIsAcknowledgedSoTelegramDoesNotSendItAgain() throws Exception {
    URI hook = start(false);

    HttpResponse<Void> garbage = http.send(HttpRequest.newBuilder(hook)
        .POST(HttpRequest.BodyPublishers.ofString("{not json")).header(WebhookServer.SECRET_HEADER, SECRET).build(),
        HttpResponse.BodyHandlers.discarding());

    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThat(post(hook, SECRET, update(701, "/help"))).isEqualTo(200);
    assertThat(api.next("sendmessage").chatId()).isEqualTo(701);
  }

  @Test
  void aSingleWebhookProcessRemovesTheWebhookWhenItStops() throws Exception {
    start(true);
    api.next("setwebhook");

    harness.bot.close();

    assertThat(api.next("deletewebhook")).isNotNull();
  }

  @Test
  void onlyTheWebhooksOwnPathIsServed() throws Exception {
    URI hook = start(false);
    for (String other : new String[] {"/telegram/hook/x", "/telegram/hookx", "/telegram/hook/"}) {
      URI elsewhere = URI.create("http://127.0.0.1:" + hook.getPort() + other);
      assertThat(post(elsewhere, SECRET, update(801, "/influence @mid_creator"))).as(other).isEqualTo(404);
    }
    assertThat(post(hook, SECRET, update(802, "/influence @mid_creator"))).isEqualTo(200);

    assertThat(api.next("sendmessage").chatId()).isEqualTo(802);
    assertThat(api.all()).noneMatch(c -> c.method().equals("sendmessage") && c.chatId() == 801);
  }

  @Test
  void aSecretShorterThan32CharactersIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebhookOptions(URI.create("https://bot.example.org/h"),
        new InetSocketAddress("127.0.0.1", 0), "a".repeat(31), false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 to 256");
    assertThat(new WebhookOptions(URI.create("https://bot.example.org/h"), new InetSocketAddress("127.0.0.1", 0),
        "a".repeat(32), false).secretToken()).hasSize(32);
  }

  @Test
  void refusedRequestsAreWarnedAboutAtMostOnceAMinuteWithTheirCount() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(WebhookServer.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    logger.addAppender(warnings);
    AtomicLong now = new AtomicLong(1_000);
    WebhookOptions options = new WebhookOptions(URI.create("https://bot.example.org/telegram/hook"),
        new InetSocketAddress("127.0.0.1", 0), SECRET, false);
    try (WebhookServer server = WebhookServer.start(options, updates -> { }, 10, now::get, Messages.english())) {
      URI hook = URI.create("http://127.0.0.1:" + server.address().getPort() + "/telegram/hook");
      ObjectNode update = update(901, "/help");
      for (int i = 0; i < 20; i++) {
        assertThat(post(hook, "wrong", update)).isEqualTo(401);
      }
      assertThat(server.refused()).isEqualTo(20);
      assertThat(warnings.list).hasSize(1);
      assertThat(warnings.list.get(0).getFormattedMessage()).contains("did not carry the right secret token")
          .contains("at most once a minute").doesNotContain("wrong");

      now.addAndGet(TimeUnit.SECONDS.toNanos(59));
      assertThat(post(hook, null, update)).isEqualTo(401);
      assertThat(warnings.list).hasSize(1);

      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      assertThat(post(hook, "wrong", update)).isEqualTo(401);
      assertThat(warnings.list).hasSize(2);
      assertThat(warnings.list.get(1).getFormattedMessage()).contains("as were 20 more since the last warning");
    } finally {
      logger.detachAppender(warnings);
    }
  }

  @Test
  void pastAFullQueueAPostGetsNoAcknowledgementSoTelegramSendsItAgainAndTheServerGoesOn() throws Exception {
    WebhookOptions options = new WebhookOptions(URI.create("https://bot.example.org/telegram/hook"),
        new InetSocketAddress("127.0.0.1", 0), SECRET, false);
    java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(4);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<Integer> consumed = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Each of the server's four threads is held by the update it hands over, until the test lets them go.
    org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer slow = updates -> {
      updates.forEach(u -> consumed.add(u.getUpdateId()));
      busy.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (WebhookServer server = WebhookServer.start(options, slow, 1, System::nanoTime, Messages.english())) {
      URI hook = URI.create("http://127.0.0.1:" + server.address().getPort() + "/telegram/hook");
      java.util.function.IntFunction<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> post = id ->
          http11.sendAsync(HttpRequest.newBuilder(hook).POST(HttpRequest.BodyPublishers.ofString(
              "{\"update_id\":" + id + "}")).header(WebhookServer.SECRET_HEADER, SECRET).build(),
              HttpResponse.BodyHandlers.discarding());
      List<java.util.concurrent.CompletableFuture<HttpResponse<Void>>> first = new java.util.ArrayList<>();
      for (int id = 1; id <= 4; id++) {
        first.add(post.apply(id));
      }
      assertThat(busy.await(10, TimeUnit.SECONDS)).as("four threads busy").isTrue();
      for (var f : first) {
        assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).as("acknowledged before it is handled").isEqualTo(200);
      }
      var queued = post.apply(5);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.queued() < 1 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(server.queued()).as("the fifth waits in the queue of one").isEqualTo(1);

      var turnedAway = post.apply(6);
      assertThat(turnedAway).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
          .havingRootCause().isInstanceOf(java.io.IOException.class);
      assertThat(server.turnedAway()).isEqualTo(1);
      assertThat(queued).isNotDone();

      release.countDown();
      assertThat(queued.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      // The server goes on: the update Telegram sends again is acknowledged and handled.
      assertThat(post.apply(6).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (consumed.size() < 6 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(consumed).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
      assertThat(server.accepted()).isEqualTo(6);
    } finally {
      release.countDown();
    }
  }
}
