package org.influencebot.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The telegram module's fake Bot API, for the launcher's tests (its classes are package-private there). */
public final class TestTelegram implements AutoCloseable {
  public static final String TOKEN = FakeBotApi.TOKEN;
  public static final String SECRET_HEADER = WebhookServer.SECRET_HEADER;
  /** Every answer is one message: a text, or a summary's chart as a photo with the summary as its caption. */
  private static final Set<String> REPLIES = Set.of("sendmessage", "sendphoto");
  private final FakeBotApi api;

  public TestTelegram() throws IOException {
    api = new FakeBotApi();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + api.port();
  }

  /** The JSON of an update: a private message from {@code userId}, as Telegram would post it to a webhook. */
  public String privateText(long userId, String text) {
    api.privateText(userId, "en", text);
    List<ObjectNode> taken = api.takeUpdates();
    return taken.get(taken.size() - 1).toString();
  }

  /** The emulated round trip to the Bot API for every request (zero by default). */
  public void roundTrip(java.time.Duration roundTrip) {
    api.roundTrip = roundTrip;
  }

  /** The JSON of an update: a message from {@code userId} in the group {@code groupId} (negative). */
  public String groupText(long groupId, long userId, String text) {
    api.groupText(groupId, userId, "en", text);
    List<ObjectNode> taken = api.takeUpdates();
    return taken.get(taken.size() - 1).toString();
  }

  /** A reply the bot sent: to which chat, quoting which message (0 for none), when it arrived, what it says. */
  public record Reply(long chatId, int quoted, long atNanos, String shown) {}

  /** The most of the sorted times that fall within any {@code window}: the highest rate seen. */
  public static int maxInWindow(List<Long> sorted, java.time.Duration window) {
    return TelegramLoadTest.maxInWindow(sorted, window.toNanos());
  }

  /** Every reply the bot sent so far, as the fake received them. */
  public List<Reply> replies() {
    return api.all().stream().filter(c -> REPLIES.contains(c.method()))
        .map(c -> new Reply(c.chatId(), c.json().path("reply_parameters").path("message_id").asInt(), c.atNanos(),
            c.shown()))
        .toList();
  }

  /** What the next reply to {@code chatId} says (a text, or a photo's caption), within 10 s. */
  public String awaitReplyTo(long chatId) throws InterruptedException {
    return api.next(call -> REPLIES.contains(call.method()) && call.chatId() == chatId).shown();
  }

  /** Waits for the next {@code n} replies to any chat, within 10 s of each other. */
  public void awaitReplies(int n) throws InterruptedException {
    for (int i = 0; i < n; i++) {
      api.next(call -> REPLIES.contains(call.method()));
    }
  }

  /** How many replies {@code chatId} got so far. */
  public long repliesTo(long chatId) {
    return api.all().stream().filter(c -> REPLIES.contains(c.method()) && c.chatId() == chatId).count();
  }

  /** How many times a webhook was set, and removed. */
  public long calls(String method) {
    return api.all().stream().filter(c -> c.method().equals(method)).count();
  }

  @Override
  public void close() {
    api.close();
  }
}
