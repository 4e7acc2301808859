package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook mode with the real TelegramBots client and types, against the fake Bot API. */
class WebhookTest {
  private static final String SECRET = "s3cret_token-42";
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
    assertThat(post(hook, "s3cret_token-43", update(603, "/influence @mid_creator"))).isEqualTo(401);
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
}
