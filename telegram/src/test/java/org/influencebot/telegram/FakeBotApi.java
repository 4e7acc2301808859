package org.influencebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A fake Telegram Bot API on 127.0.0.1 for the real TelegramBots client: hands out queued updates to
 * getUpdates (holding an empty answer a few hundred milliseconds), answers every other method, and
 * records each request the bot sends, with the time it arrived.
 */
final class FakeBotApi implements AutoCloseable {
  static final String TOKEN = "123456:SECRET-test-token-do-not-print";
  static final String BOT_NAME = "InfluenceTestBot";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request the bot made: method in lower case, JSON body (empty for multipart), raw body, arrival. */
  record Call(String method, JsonNode json, String body, long atNanos) {
    long chatId() {
      return json.path("chat_id").asLong();
    }

    String text() {
      return json.path("text").asText();
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<ObjectNode> updates = new LinkedBlockingQueue<>();
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final List<Call> all = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextUpdateId = new AtomicInteger(1);
  private final AtomicInteger nextMessageId = new AtomicInteger(1000);
  /** update_id → when getUpdates handed it out. */
  final Map<Integer, Long> deliveredAt = new ConcurrentHashMap<>();
  /** Replaces the normal answer when it returns a response (429, 409, 401, ...). */
  volatile Function<Call, Optional<MockResponse>> override = c -> Optional.empty();
  volatile String webhookUrl = "";
  /** getChatMember's status for a user id: member, administrator, creator, left... */
  volatile Function<Long, String> memberStatus = user -> "member";
  volatile Duration holdEmptyPoll = Duration.ofMillis(300);

  FakeBotApi() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        return answer(request);
      }
    });
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
  }

  int port() {
    return server.getPort();
  }

  TelegramOptions options() {
    return TelegramOptions.of(TOKEN).withApi("http", "127.0.0.1", port());
  }

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!path.startsWith("/bot" + TOKEN + "/")) {
      return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }
    String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    JsonNode node;
    try {
      node = body.startsWith("{") ? JSON.readTree(body) : JSON.createObjectNode();
    } catch (IOException e) {
      node = JSON.createObjectNode();
    }
    Call call = new Call(method, node, body, System.nanoTime());
    Optional<MockResponse> special = override.apply(call);
    if (special.isPresent()) {
      if (!method.equals("getupdates")) {
        all.add(call);
      }
      return special.get();
    }
    switch (method) {
      case "getupdates" -> {
        return poll();
      }
      case "getme" -> {
        return ok("{\"id\":42,\"is_bot\":true,\"first_name\":\"Influence\",\"username\":\"" + BOT_NAME + "\"}");
      }
      case "getwebhookinfo" -> {
        return ok("{\"url\":\"" + webhookUrl + "\",\"has_custom_certificate\":false,\"pending_update_count\":0}");
      }
      case "getchatmember" -> {
        all.add(call); // recorded, but not among the replies next() returns
        long user = call.json().path("user_id").asLong();
        return ok("{\"status\":\"" + memberStatus.apply(user) + "\",\"user\":" + user(user, "en") + "}");
      }
      default -> { }
    }
    all.add(call);
    calls.add(call);
    if (method.equals("sendmessage") || method.equals("sendphoto")) {
      long chat = method.equals("sendphoto") ? multipartChatId(body) : call.chatId();
      return ok("{\"message_id\":" + nextMessageId.incrementAndGet() + ",\"date\":1790000000,\"chat\":{\"id\":" + chat
          + ",\"type\":\"" + (chat < 0 ? "supergroup" : "private") + "\"},\"text\":\"ok\"}");
    }
    return ok("true");
  }

  private static long multipartChatId(String body) {
    int at = body.indexOf("name=\"chat_id\"");
    if (at < 0) {
      return 0;
    }
    String rest = body.substring(at).split("\r\n\r\n", 2)[1];
    return Long.parseLong(rest.substring(0, rest.indexOf("\r\n")).trim());
  }

  private MockResponse poll() throws InterruptedException {
    List<ObjectNode> batch = new ArrayList<>();
    ObjectNode first = updates.poll(holdEmptyPoll.toMillis(), TimeUnit.MILLISECONDS);
    if (first != null) {
      batch.add(first);
      updates.drainTo(batch, 99);
    }
    long now = System.nanoTime();
    for (ObjectNode u : batch) {
      deliveredAt.put(u.get("update_id").asInt(), now);
    }
    try {
      return ok(JSON.writeValueAsString(batch));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static MockResponse ok(String result) {
    return json(200, "{\"ok\":true,\"result\":" + result + "}");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse tooManyRequests(int retryAfter) {
    return json(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after " + retryAfter
        + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
  }

  // ---- updates --------------------------------------------------------------------------------

  static ObjectNode user(long id, String language) {
    ObjectNode u = JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", "User" + id);
    if (language != null) {
      u.put("language_code", language);
    }
    return u;
  }

  /** A text message in a private chat with user {@code userId}; returns its update_id. */
  int privateText(long userId, String language, String text) {
    ObjectNode chat = JSON.createObjectNode().put("id", userId).put("type", "private").put("first_name", "User" + userId);
    return message(chat, user(userId, language), text);
  }

  int groupText(long groupId, long userId, String language, String text) {
    ObjectNode chat = JSON.createObjectNode().put("id", groupId).put("type", "supergroup").put("title", "Group");
    return message(chat, user(userId, language), text);
  }

  /** A group message from {@code userId} that replies to a message of {@code repliedUserId}. */
  int groupReply(long groupId, long userId, String language, String text, long repliedUserId) {
    ObjectNode chat = JSON.createObjectNode().put("id", groupId).put("type", "supergroup").put("title", "Group");
    ObjectNode replied = JSON.createObjectNode().put("message_id", nextMessageId.incrementAndGet()).put("date", 1790000000);
    replied.set("chat", chat);
    replied.set("from", user(repliedUserId, "en").put("username", "user" + repliedUserId));
    replied.put("text", "hello");
    ObjectNode msg = newMessage(chat, user(userId, language), text);
    msg.set("reply_to_message", replied);
    return push("message", msg);
  }

  private int message(ObjectNode chat, ObjectNode from, String text) {
    return push("message", newMessage(chat, from, text));
  }

  private ObjectNode newMessage(ObjectNode chat, ObjectNode from, String text) {
    ObjectNode msg = JSON.createObjectNode().put("message_id", nextMessageId.incrementAndGet()).put("date", 1790000000);
    msg.set("chat", chat);
    msg.set("from", from);
    msg.put("text", text);
    return msg;
  }

  int inlineQuery(long userId, String language, String query) {
    ObjectNode q = JSON.createObjectNode().put("id", "iq" + userId + "-" + nextUpdateId.get()).put("query", query)
        .put("offset", "");
    q.set("from", user(userId, language));
    return push("inline_query", q);
  }

  int buttonPress(long userId, long chatId, String data) {
    ObjectNode msg = JSON.createObjectNode().put("message_id", 77).put("date", 1790000000);
    msg.set("chat", JSON.createObjectNode().put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private"));
    msg.put("text", "summary");
    ObjectNode q = JSON.createObjectNode().put("id", "cb" + nextUpdateId.get()).put("chat_instance", "1").put("data", data);
    q.set("from", user(userId, "en"));
    q.set("message", msg);
    return push("callback_query", q);
  }

  int push(String field, JsonNode payload) {
    int id = nextUpdateId.getAndIncrement();
    ObjectNode update = JSON.createObjectNode().put("update_id", id);
    update.set(field, payload);
    updates.add(update);
    return id;
  }

  /** The updates queued so far, taken out of getUpdates' queue to be posted to a webhook instead. */
  List<ObjectNode> takeUpdates() {
    List<ObjectNode> taken = new ArrayList<>();
    updates.drainTo(taken);
    return taken;
  }

  // ---- what the bot sent ----------------------------------------------------------------------

  /** The next request the bot sent (any method but polling and the start checks), within 10 s. */
  synchronized Call next() throws InterruptedException {
    if (!skipped.isEmpty()) {
      return skipped.remove(0);
    }
    Call c = calls.poll(10, TimeUnit.SECONDS);
    if (c == null) {
      throw new AssertionError("the bot sent nothing within 10 s");
    }
    return c;
  }

  /**
   * The next request matching {@code which}; the others are kept, in order, for later calls (requests
   * to different chats or queries may arrive in any order).
   */
  synchronized Call next(Predicate<Call> which) throws InterruptedException {
    for (java.util.Iterator<Call> it = skipped.iterator(); it.hasNext(); ) {
      Call c = it.next();
      if (which.test(c)) {
        it.remove();
        return c;
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Call c = calls.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (c != null) {
        if (which.test(c)) {
          return c;
        }
        skipped.add(c);
      }
    }
    throw new AssertionError("no matching request within 10 s");
  }

  private final List<Call> skipped = new ArrayList<>();

  Call next(String method) throws InterruptedException {
    return next(c -> c.method().equals(method.toLowerCase(Locale.ROOT)));
  }

  /** Every request recorded so far, including overridden ones. */
  List<Call> all() {
    return List.copyOf(all);
  }

  @Override
  public void close() {
    server.close();
  }
}
