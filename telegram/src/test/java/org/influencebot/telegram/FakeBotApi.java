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

    String caption() {
      return json.path("caption").asText();
    }

    /** What the reply says: a message's text or a photo's caption. */
    String shown() {
      return json.has("caption") ? caption() : text();
    }

    /** A new message in a chat (text or photo), not an edit or an answer to a button or a query. */
    boolean isNewMessage() {
      return method.equals("sendmessage") || method.equals("sendphoto");
    }

    /** For a photo: whether the picture was uploaded (a file part) rather than named by a file_id. */
    boolean uploadedPhoto() {
      return json.path("photo").asText().startsWith("attach://") || json.path("media").asText().startsWith("attach://");
    }
  }

  static final String UPLOADED = "(uploaded file)";

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
  /** The last getUpdates request (its allowed_updates, its offset). */
  volatile JsonNode lastPoll;
  /** getChatMemberCount's answer for a chat id. */
  volatile Function<Long, Integer> memberCount = chat -> 1;
  /** getUserProfilePhotos' total_count for a user id (0: no photo the bot may see). */
  volatile Function<Long, Integer> profilePhotos = user -> 1;
  /** When a request arrives ({@link Call#atNanos()}): real time unless a test gives the bot's own clock. */
  volatile java.util.function.LongSupplier clock = System::nanoTime;

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

  /**
   * The emulated round trip to the Bot API: a request reaches the fake half of it after the bot sent it
   * (its arrival time is recorded then) and the answer reaches the bot the other half later. Zero answers
   * at once.
   */
  volatile Duration roundTrip = Duration.ZERO;

  private MockResponse answer(RecordedRequest request) throws InterruptedException {
    long half = roundTrip.toNanos() / 2;
    if (half <= 0) {
      return answerNow(request);
    }
    // The way there: each connection has its own thread here, standing for the network.
    TimeUnit.NANOSECONDS.sleep(half);
    MockResponse answer = answerNow(request);
    return answer.newBuilder().headersDelay(half, TimeUnit.NANOSECONDS).build();
  }

  private MockResponse answerNow(RecordedRequest request) throws InterruptedException {
    String path = request.getUrl().encodedPath();
    String method = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (!path.startsWith("/bot" + TOKEN + "/")) {
      return json(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
    }
    String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    JsonNode node;
    try {
      node = body.startsWith("{") ? JSON.readTree(body) : multipart(body);
    } catch (IOException e) {
      node = JSON.createObjectNode();
    }
    Call call = new Call(method, node, body, clock.getAsLong());
    Optional<MockResponse> special = override.apply(call);
    if (special.isPresent()) {
      if (!method.equals("getupdates")) {
        all.add(call);
      }
      return special.get();
    }
    switch (method) {
      case "getupdates" -> {
        lastPoll = call.json();
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
      case "getchatmembercount" -> {
        all.add(call); // recorded, but not among the replies next() returns
        return ok(Integer.toString(memberCount.apply(call.json().path("chat_id").asLong())));
      }
      case "getuserprofilephotos" -> {
        all.add(call);
        int photos = profilePhotos.apply(call.json().path("user_id").asLong());
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < Math.min(photos, call.json().path("limit").asInt(100)); i++) {
          list.append(i == 0 ? "" : ",").append("[{\"file_id\":\"pp").append(i)
              .append("\",\"file_unique_id\":\"upp").append(i).append("\",\"width\":160,\"height\":160}]");
        }
        return ok("{\"total_count\":" + photos + ",\"photos\":" + list.append("]") + "}");
      }
      default -> { }
    }
    all.add(call);
    calls.add(call);
    if (method.equals("senddocument")) {
      ObjectNode m = JSON.createObjectNode().put("message_id", nextMessageId.incrementAndGet()).put("date", 1790000000);
      m.putObject("chat").put("id", call.chatId()).put("type", call.chatId() < 0 ? "supergroup" : "private");
      m.putObject("document").put("file_id", "doc-" + m.get("message_id").asInt()).put("file_unique_id", "udoc");
      return ok(m.toString());
    }
    if (method.equals("sendmessage") || method.equals("sendphoto")) {
      return ok(sentMessage(call, nextMessageId.incrementAndGet()).toString());
    }
    if (method.startsWith("editmessage")) {
      return ok(sentMessage(call, call.json().path("message_id").asInt()).toString());
    }
    return ok("true");
  }

  /** The Message the Bot API returns for a message sent or edited: a photo gets a file_id the bot may reuse. */
  private ObjectNode sentMessage(Call call, int messageId) {
    long chat = call.chatId();
    ObjectNode m = JSON.createObjectNode().put("message_id", messageId).put("date", 1790000000);
    m.putObject("chat").put("id", chat).put("type", chat < 0 ? "supergroup" : "private");
    boolean photo = call.method().equals("sendphoto") || call.json().path("media").isTextual()
        || call.json().path("caption").isTextual();
    if (photo) {
      String fileId = call.json().path("photo").asText();
      if (fileId.isEmpty() || call.uploadedPhoto()) {
        fileId = "photo-" + photoIds.incrementAndGet();
      }
      m.putArray("photo").addObject().put("file_id", fileId).put("file_unique_id", "u" + fileId).put("width", 1000)
          .put("height", 560).put("file_size", 40_000);
      m.put("caption", call.json().path("caption").asText(""));
    } else {
      m.put("text", call.json().path("text").asText("ok"));
    }
    return m;
  }

  private final AtomicInteger photoIds = new AtomicInteger();

  /** The fields of a multipart request as JSON: text parts as they are, file parts as {@link #UPLOADED}. */
  private static ObjectNode multipart(String body) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    for (String part : body.split("\r\n--")) {
      int name = part.indexOf("name=\"");
      int headersEnd = part.indexOf("\r\n\r\n");
      if (name < 0 || headersEnd < 0) {
        continue;
      }
      String field = part.substring(name + 6, part.indexOf('"', name + 6));
      String headers = part.substring(0, headersEnd);
      String value = part.substring(headersEnd + 4);
      if (headers.contains("filename=")) {
        node.put(field, UPLOADED);
        node.put(field + "_file", value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
      } else if (value.startsWith("{") || value.startsWith("[")) {
        node.set(field, JSON.readTree(value));
        if (field.equals("media")) {
          // editMessageMedia: the media object, its caption and its picture (a file_id or attach://…).
          node.put("caption", node.get("media").path("caption").asText());
          node.put("photo", node.get("media").path("media").asText());
          node.put("media", node.get("media").path("media").asText());
        }
      } else {
        node.put(field, value);
      }
    }
    return node;
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

  /** A group message from {@code userId} sent at {@code date} (epoch seconds). */
  int groupTextAt(long groupId, long userId, String language, String text, long date) {
    ObjectNode chat = JSON.createObjectNode().put("id", groupId).put("type", "supergroup").put("title", "Group");
    ObjectNode msg = newMessage(chat, user(userId, language), text);
    msg.put("date", date);
    return push("message", msg);
  }

  /** A sticker (no text) in a group from {@code userId} at {@code date}. */
  int groupStickerAt(long groupId, long userId, long date) {
    ObjectNode chat = JSON.createObjectNode().put("id", groupId).put("type", "supergroup").put("title", "Group");
    ObjectNode msg = JSON.createObjectNode().put("message_id", nextMessageId.incrementAndGet()).put("date", date);
    msg.set("chat", chat);
    msg.set("from", user(userId, "en"));
    msg.putObject("sticker").put("file_id", "st").put("file_unique_id", "ust").put("type", "regular")
        .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
    return push("message", msg);
  }

  /** A member's status as chat_member shows it: member, left, kicked, administrator, or restricted (in or out). */
  static ObjectNode chatMember(long userId, boolean isBot, String status) {
    ObjectNode m = JSON.createObjectNode();
    ObjectNode user = user(userId, null).put("is_bot", isBot);
    if (status.startsWith("restricted")) {
      m.put("status", "restricted").put("is_member", status.equals("restricted")).put("until_date", 0);
    } else {
      m.put("status", status);
    }
    if (status.equals("kicked")) {
      m.put("until_date", 0);
    }
    if (status.equals("administrator")) {
      m.put("can_be_edited", false).put("is_anonymous", false).put("can_manage_chat", true)
          .put("can_delete_messages", true).put("can_manage_video_chats", false).put("can_restrict_members", true)
          .put("can_promote_members", false).put("can_change_info", false).put("can_invite_users", true);
    }
    m.set("user", user);
    return m;
  }

  /**
   * A chat_member update: {@code userId} went from {@code oldStatus} to {@code newStatus} in the group at
   * {@code date} (epoch seconds). "restricted" is a restricted member still in the group, "restricted-out" one
   * who is not.
   */
  int memberChange(long groupId, long userId, boolean isBot, String oldStatus, String newStatus, long date) {
    return push("chat_member", memberUpdate(groupId, userId, chatMember(userId, isBot, oldStatus),
        chatMember(userId, isBot, newStatus), date));
  }

  /** A my_chat_member update: the bot (42) went from {@code oldStatus} to {@code newStatus}, by {@code byUser}. */
  int botChange(long groupId, long byUser, String oldStatus, String newStatus, long date) {
    ObjectNode update = memberUpdate(groupId, byUser, chatMember(42, true, oldStatus), chatMember(42, true, newStatus),
        date);
    ((ObjectNode) update.get("old_chat_member").get("user")).put("first_name", "Influence").put("username", BOT_NAME);
    ((ObjectNode) update.get("new_chat_member").get("user")).put("first_name", "Influence").put("username", BOT_NAME);
    return push("my_chat_member", update);
  }

  private static ObjectNode memberUpdate(long groupId, long fromUser, ObjectNode oldMember, ObjectNode newMember,
      long date) {
    ObjectNode u = JSON.createObjectNode();
    u.set("chat", JSON.createObjectNode().put("id", groupId).put("type", "supergroup").put("title", "Group"));
    u.set("from", user(fromUser, "en"));
    u.put("date", date);
    u.set("old_chat_member", oldMember);
    u.set("new_chat_member", newMember);
    return u;
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

  /** A button pressed under a photo message (a summary sent with its chart) showing {@code fileId}. */
  int buttonPressOnPhoto(long userId, long chatId, String data, String fileId) {
    ObjectNode msg = JSON.createObjectNode().put("message_id", 78).put("date", 1790000000);
    msg.set("chat", JSON.createObjectNode().put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private"));
    msg.putArray("photo").addObject().put("file_id", fileId).put("file_unique_id", "u" + fileId).put("width", 1000)
        .put("height", 560);
    msg.put("caption", "summary");
    ObjectNode q = JSON.createObjectNode().put("id", "cb" + nextUpdateId.get()).put("chat_instance", "1").put("data", data);
    q.set("from", user(userId, "en"));
    q.set("message", msg);
    return push("callback_query", q);
  }

  /** A button pressed under a message sent through inline mode (no chat, an inline_message_id). */
  int inlineButtonPress(long userId, String inlineMessageId, String data) {
    ObjectNode q = JSON.createObjectNode().put("id", "cb" + nextUpdateId.get()).put("chat_instance", "1").put("data", data)
        .put("inline_message_id", inlineMessageId);
    q.set("from", user(userId, "en"));
    return push("callback_query", q);
  }

  /** A message from {@code userId} in {@code chatId} replying to the bot's message {@code repliedText}. */
  int replyToBot(long chatId, long userId, String text, String repliedText) {
    ObjectNode chat = chatId < 0 ? JSON.createObjectNode().put("id", chatId).put("type", "supergroup").put("title", "Group")
        : JSON.createObjectNode().put("id", chatId).put("type", "private").put("first_name", "User" + chatId);
    ObjectNode replied = JSON.createObjectNode().put("message_id", nextMessageId.incrementAndGet()).put("date", 1790000000);
    replied.set("chat", chat);
    replied.set("from", JSON.createObjectNode().put("id", 42).put("is_bot", true).put("first_name", "Influence")
        .put("username", BOT_NAME));
    replied.put("text", repliedText);
    ObjectNode msg = newMessage(chat, user(userId, "en"), text);
    msg.set("reply_to_message", replied);
    return push("message", msg);
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

  /** The next request of {@code method}, if one arrives within {@code wait}. */
  synchronized Optional<Call> poll(String method, Duration wait) throws InterruptedException {
    String m = method.toLowerCase(Locale.ROOT);
    for (java.util.Iterator<Call> it = skipped.iterator(); it.hasNext(); ) {
      Call c = it.next();
      if (c.method().equals(m)) {
        it.remove();
        return Optional.of(c);
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    for (long left = wait.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Call c = calls.poll(left, TimeUnit.NANOSECONDS);
      if (c == null) {
        break;
      }
      if (c.method().equals(m)) {
        return Optional.of(c);
      }
      skipped.add(c);
    }
    return Optional.empty();
  }

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
