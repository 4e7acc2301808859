package org.influencebot.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The telegram module's fake Bot API, for the launcher's tests (its classes are package-private there). */
public final class TestTelegram implements AutoCloseable {
  public static final String TOKEN = FakeBotApi.TOKEN;
  public static final String SECRET_HEADER = WebhookServer.SECRET_HEADER;
  /** Every answer has one text message (a summary's chart goes before it, as a photo). */
  private static final Set<String> REPLIES = Set.of("sendmessage");
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

  /** The next text reply to {@code chatId}, within 10 s. */
  public String awaitReplyTo(long chatId) throws InterruptedException {
    FakeBotApi.Call c = api.next(call -> REPLIES.contains(call.method()) && chat(call) == chatId);
    return c.method().equals("sendmessage") ? c.text() : c.body();
  }

  /** How many text replies {@code chatId} got so far. */
  public long repliesTo(long chatId) {
    return api.all().stream().filter(c -> REPLIES.contains(c.method()) && chat(c) == chatId).count();
  }

  /** How many times a webhook was set, and removed. */
  public long calls(String method) {
    return api.all().stream().filter(c -> c.method().equals(method)).count();
  }

  private static long chat(FakeBotApi.Call c) {
    if (c.method().equals("sendmessage")) {
      return c.chatId();
    }
    int at = c.body().indexOf("name=\"chat_id\"");
    if (at < 0) {
      return 0;
    }
    String rest = c.body().substring(at).split("\r\n\r\n", 2)[1];
    return Long.parseLong(rest.substring(0, rest.indexOf("\r\n")).trim());
  }

  @Override
  public void close() {
    api.close();
  }
}
