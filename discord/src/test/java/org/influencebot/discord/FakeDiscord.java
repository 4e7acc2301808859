package org.influencebot.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A fake Discord on 127.0.0.1: the REST API (token check, command registration, interaction
 * callbacks, webhook edits) and the gateway (HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats,
 * RESUME), enough for the real JDA client. Records every REST call and when it arrived.
 *
 * <p>Faults for {@link DiscordFaultsTest}: {@link #restOverride} answers chosen REST calls itself (a 429
 * with Discord's rate-limit headers), {@link #invalidateSession} sends op 9, and a closed gateway
 * connection is forgotten at once, so that interactions wait for the new session.
 */
final class FakeDiscord implements AutoCloseable {
  static final String TOKEN = "fake-bot-token.not-a-real-one.XYZ";
  static final String APP_ID = "1100000000000000001";
  static final String GUILD_ID = "1200000000000000002";
  static final String GUILD_CHANNEL_ID = "1300000000000000003";
  static final String DM_CHANNEL_ID = "1400000000000000004";
  static final String USER_ID = "1500000000000000005";
  /** The server's owner: nobody in the tests, so that permissions come from roles alone. */
  static final String OWNER_ID = "1000000000000000010";
  /** A role with Manage Server. */
  static final String MODERATOR_ROLE_ID = "1000000000000000011";
  /** What everyone may do on the fake server: view channels, send messages, use application commands. */
  static final long EVERYONE_PERMISSIONS = (1L << 10) | (1L << 11) | (1L << 31);
  static final long MANAGE_SERVER = 1L << 5;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A REST call as the fake received it; {@code json} is the JSON body (or a multipart's payload_json). */
  record Call(String method, String path, String contentType, String body, JsonNode json, long atNanos) {
    boolean is(String m, String pathPart) {
      return method.equals(m) && path.contains(pathPart);
    }
  }

  private final MockWebServer server = new MockWebServer();
  /**
   * The emulated round trip of a REST call to Discord: a request reaches the fake half of it after the
   * bot sent it (its arrival time is recorded then), and the answer reaches the bot the other half later.
   * Zero (the default) answers at once. The gateway is not delayed: an interaction's frame is counted
   * from the moment the fake sends it.
   */
  volatile Duration roundTrip = Duration.ZERO;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  /** REST connections the bot opened (HTTP/1.1 keeps one alive for its next request). */
  private final AtomicInteger connectionsOpened = new AtomicInteger();
  /** Replaces the normal answer to a REST call when it returns one. */
  volatile Function<Call, Optional<MockResponse>> restOverride = c -> Optional.empty();
  private final java.util.Set<Call> refusedCalls = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Object callsChanged = new Object();
  private final AtomicReference<WebSocket> socket = new AtomicReference<>();
  /** Each shard's connection, by the shard id it identified with (a bot may run several shards). */
  private final Map<Integer, WebSocket> shardSockets = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong(1_600_000_000_000_000_000L);
  private final List<Integer> gatewayOps = new CopyOnWriteArrayList<>();
  private final List<JsonNode> gatewayPayloads = new CopyOnWriteArrayList<>();
  private final Object gatewayChanged = new Object();
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  /** The interaction sent last, to see whether the bot acknowledged it before reaching the store. */
  private volatile String lastInteraction;
  /** When calls arrive and interactions are sent ({@link Call#atNanos()}, {@link #sentAtNanos}). */
  volatile java.util.function.LongSupplier nanoTime = System::nanoTime;
  /**
   * The wall clock of the rate-limit headers ({@code X-RateLimit-Reset}): JDA reads its host's clock,
   * so it is the system's unless a test compares with another.
   */
  volatile java.time.Clock wallClock = java.time.Clock.systemUTC();

  FakeDiscord() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return FakeDiscord.this.dispatch(request);
      }
    });
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  String restUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + server.getPort() + "/";
  }

  // --- REST ---

  private MockResponse dispatch(RecordedRequest request) {
    if ("websocket".equalsIgnoreCase(request.getHeaders().get("Upgrade"))) {
      return new MockResponse.Builder().webSocketUpgrade(new Gateway()).build();
    }
    if (request.getExchangeIndex() == 0) {
      connectionsOpened.incrementAndGet();
    }
    int now = inFlight.incrementAndGet();
    mostInFlight.accumulateAndGet(now, Math::max);
    try {
      return answerAfterRoundTrip(request);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private MockResponse answerAfterRoundTrip(RecordedRequest request) {
    long halfTripNanos = roundTrip.toNanos() / 2;
    if (halfTripNanos > 0) {
      // The way there: this connection's thread stands for the network (each connection has its own thread).
      java.util.concurrent.locks.LockSupport.parkNanos(halfTripNanos);
    }
    MockResponse answer = answer(request);
    return halfTripNanos > 0 ? answer.newBuilder().headersDelay(halfTripNanos, java.util.concurrent.TimeUnit.NANOSECONDS).build()
        : answer;
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String contentType = request.getHeaders().get("Content-Type");
    String body = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
    Call call = new Call(request.getMethod(), path, contentType == null ? "" : contentType, body, json(contentType, body),
        nanoTime.getAsLong());
    Optional<MockResponse> special = restOverride.apply(call);
    synchronized (callsChanged) {
      if (special.isPresent()) {
        refusedCalls.add(call);
      }
      calls.add(call);
      callsChanged.notifyAll();
    }
    if (special.isPresent()) {
      return special.get();
    }
    if (path.endsWith("/users/@me")) {
      if (!("Bot " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
        return json(401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
      }
      return json(200, selfUser().toString());
    }
    if (call.is("PUT", "/commands")) {
      ArrayNode registered = JSON.createArrayNode();
      int i = 0;
      for (JsonNode command : call.json()) {
        ObjectNode c = ((ObjectNode) command).deepCopy();
        c.put("id", Long.toString(1_700_000_000_000_000_000L + i++));
        c.put("application_id", APP_ID);
        c.put("version", "1");
        c.put("type", 1);
        registered.add(c);
      }
      return json(200, registered.toString());
    }
    if (call.is("POST", "/callback")) {
      return new MockResponse.Builder().code(204).build();
    }
    if (call.is("DELETE", "/webhooks/")) {
      return new MockResponse.Builder().code(204).build();
    }
    if (call.is("PATCH", "/webhooks/") || call.is("POST", "/webhooks/")) {
      return json(200, message(call.json()).toString());
    }
    return json(404, "{\"message\":\"Unknown route in the fake\",\"code\":0}");
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  private static JsonNode json(String contentType, String body) {
    String text = body;
    if (contentType != null && contentType.startsWith("multipart/")) {
      int part = body.indexOf("name=\"payload_json\"");
      if (part < 0) {
        return JSON.nullNode();
      }
      int start = body.indexOf("\r\n\r\n", part) + 4;
      int end = body.indexOf("\r\n--", start);
      text = body.substring(start, end);
    }
    if (text.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.nullNode();
    }
  }

  private ObjectNode message(JsonNode sent) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", Long.toString(ids.incrementAndGet()));
    m.put("channel_id", DM_CHANNEL_ID);
    m.put("type", 0);
    m.put("content", sent.path("content").asText(""));
    m.set("author", selfUser());
    m.put("timestamp", "2026-11-01T12:00:00.000000+00:00");
    m.putNull("edited_timestamp");
    m.put("tts", false);
    m.put("mention_everyone", false);
    m.set("mentions", JSON.createArrayNode());
    m.set("mention_roles", JSON.createArrayNode());
    m.set("attachments", JSON.createArrayNode());
    ArrayNode embeds = m.putArray("embeds");
    for (JsonNode e : sent.path("embeds")) {
      embeds.add(((ObjectNode) e.deepCopy()).put("type", "rich"));
    }
    m.set("components", JSON.createArrayNode());
    m.put("pinned", false);
    m.put("flags", sent.path("flags").asInt(0));
    m.put("webhook_id", APP_ID);
    return m;
  }

  private static ObjectNode selfUser() {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", APP_ID);
    u.put("username", "influence-bot");
    u.put("discriminator", "0000");
    u.putNull("avatar");
    u.put("bot", true);
    u.put("verified", true);
    u.put("mfa_enabled", false);
    u.put("flags", 0);
    return u;
  }

  /** Waits for the first REST call after {@code from} (an index into the log) that matches. */
  Call await(int from, Predicate<Call> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (callsChanged) {
      while (true) {
        for (int i = from; i < calls.size(); i++) {
          if (matching.test(calls.get(i))) {
            return calls.get(i);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the fake Discord received no matching call in " + timeout + "; got: "
              + calls.subList(Math.min(from, calls.size()), calls.size()).stream().map(c -> c.method() + " " + c.path()).toList());
        }
        callsChanged.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** The id of the interaction sent last, if any. */
  java.util.Optional<String> lastInteraction() {
    return java.util.Optional.ofNullable(lastInteraction);
  }

  /** Whether the bot's acknowledgement (its callback) of the interaction arrives within {@code timeout}. */
  boolean awaitAcknowledged(String interactionId, Duration timeout) throws InterruptedException {
    try {
      await(0, c -> c.is("POST", "/interactions/" + interactionId + "/"), timeout);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /**
   * The most REST calls the fake was handling at once since the last call of this method (the way
   * there of the round trip included; the way back, the answer's delay, is not counted).
   */
  int takeMostInFlight() {
    return mostInFlight.getAndSet(0);
  }

  /** How many REST connections the bot opened so far (the first request on each). */
  int connectionsOpened() {
    return connectionsOpened.get();
  }

  int callCount() {
    return calls.size();
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  // --- gateway ---

  private final class Gateway extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      webSocket.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      JsonNode payload;
      try {
        payload = JSON.readTree(text);
      } catch (IOException e) {
        return;
      }
      int op = payload.path("op").asInt(-1);
      synchronized (gatewayChanged) {
        gatewayPayloads.add(payload);
        gatewayOps.add(op);
        gatewayChanged.notifyAll();
      }
      switch (op) {
        case 1 -> webSocket.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
        case 2 -> {
          if (refusesIdentify(webSocket)) {
            return;
          }
          identifies.incrementAndGet();
          int shard = payload.at("/d/shard/0").asInt(0);
          ObjectNode ready = ready();
          ready.putArray("shard").add(shard).add(payload.at("/d/shard/1").asInt(1));
          dispatch(webSocket, "READY", ready);
          synchronized (gatewayChanged) {
            shardSockets.put(shard, webSocket);
          }
          dispatch(webSocket, "GUILD_CREATE", guild());
          sessionOpen(webSocket);
        }
        case 6 -> {
          resumes.incrementAndGet();
          dispatch(webSocket, "RESUMED", JSON.createObjectNode());
          sessionOpen(webSocket);
        }
        case 8 -> requestGuildMembers(webSocket, payload);
        default -> { }
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      forget(webSocket);
      webSocket.close(1000, null);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      forget(webSocket);
    }
  }

  private void forget(WebSocket webSocket) {
    synchronized (gatewayChanged) {
      socket.compareAndSet(webSocket, null);
      shardSockets.values().remove(webSocket);
      gatewayChanged.notifyAll();
    }
  }

  /**
   * Op 9, Invalid Session, on the current connection: {@code resumable} false makes the client identify
   * again (a new session), true lets it resume. The connection is forgotten until the client is back.
   */
  void invalidateSession(boolean resumable) {
    WebSocket ws;
    synchronized (gatewayChanged) {
      ws = socket.getAndSet(null);
    }
    if (ws != null) {
      ws.send("{\"op\":9,\"d\":" + resumable + ",\"s\":null,\"t\":null}");
    }
  }

  /** Whether {@link #restOverride} answered this call (it never reached the normal answer). */
  boolean refused(Call call) {
    return refusedCalls.contains(call);
  }

  int identifies() {
    return identifies.get();
  }

  int resumes() {
    return resumes.get();
  }

  /** A 429 as Discord sends it on a per-route bucket, asking to wait {@code retryAfterSeconds}. */
  MockResponse tooManyRequests(double retryAfterSeconds) {
    return new MockResponse.Builder().code(429)
        .addHeader("Content-Type", "application/json")
        // Discord's answers come through Google's front end; JDA reads a 429 without "Via" as Cloudflare's.
        .addHeader("Via", "1.1 google")
        .addHeader("Retry-After", String.valueOf((long) Math.ceil(retryAfterSeconds)))
        .addHeader("X-RateLimit-Limit", "5")
        .addHeader("X-RateLimit-Remaining", "0")
        .addHeader("X-RateLimit-Reset", String.valueOf(wallClock.millis() / 1000.0 + retryAfterSeconds))
        .addHeader("X-RateLimit-Reset-After", String.valueOf(retryAfterSeconds))
        .addHeader("X-RateLimit-Bucket", "fake-bucket-429")
        .addHeader("X-RateLimit-Scope", "user")
        .body("{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfterSeconds
            + ",\"global\":false,\"code\":0}")
        .build();
  }

  private void sessionOpen(WebSocket webSocket) {
    synchronized (gatewayChanged) {
      socket.set(webSocket);
      gatewayChanged.notifyAll();
    }
  }

  private void dispatch(WebSocket webSocket, String type, JsonNode data) {
    ObjectNode p = JSON.createObjectNode();
    p.put("op", 0);
    p.put("t", type);
    p.put("s", sequence.incrementAndGet());
    p.set("d", data);
    webSocket.send(p.toString());
  }

  private ObjectNode ready() {
    ObjectNode d = JSON.createObjectNode();
    d.put("v", 10);
    d.set("user", selfUser());
    ArrayNode guilds = d.putArray("guilds");
    guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
    d.putArray("private_channels");
    d.putArray("relationships");
    d.put("session_id", "fake-session-1");
    d.put("resume_gateway_url", gatewayUrl());
    d.putObject("application").put("id", APP_ID).put("flags", 0);
    d.putArray("shard").add(0).add(1);
    return d;
  }

  private static ObjectNode guild() {
    ObjectNode g = JSON.createObjectNode();
    g.put("id", GUILD_ID);
    g.put("name", "Test server");
    g.put("owner_id", OWNER_ID);
    g.put("unavailable", false);
    g.put("member_count", 2);
    g.put("large", false);
    g.put("preferred_locale", "en-US");
    g.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
    g.put("verification_level", 0);
    g.put("default_message_notifications", 0);
    g.put("explicit_content_filter", 0);
    g.put("mfa_level", 0);
    g.put("nsfw_level", 0);
    g.put("premium_tier", 0);
    g.put("afk_timeout", 300);
    g.putArray("features");
    ObjectNode self = JSON.createObjectNode();
    self.set("user", selfUser());
    self.putArray("roles");
    self.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
    self.put("deaf", false).put("mute", false).put("flags", 0);
    for (String empty : List.of("roles", "channels", "threads", "guild_scheduled_events", "emojis", "stickers",
        "voice_states", "members", "presences", "stage_instances")) {
      g.putArray(empty);
    }
    ((ArrayNode) g.get("members")).add(self);
    ((ArrayNode) g.get("roles")).add(role(GUILD_ID, "@everyone", 0, EVERYONE_PERMISSIONS))
        .add(role(MODERATOR_ROLE_ID, "Moderator", 1, MANAGE_SERVER));
    ObjectNode channel = ((ArrayNode) g.get("channels")).addObject();
    channel.put("id", GUILD_CHANNEL_ID).put("type", 0).put("name", "general").put("position", 0);
    channel.putArray("permission_overwrites");
    return g;
  }

  /** Sends an interaction over the gateway and remembers when, to measure the time to acknowledge. */
  void sendInteraction(ObjectNode interaction) throws InterruptedException {
    WebSocket ws = awaitSession(Duration.ofSeconds(30));
    sentAt.put(interaction.get("id").asText(), nanoTime.getAsLong());
    lastInteraction = interaction.get("id").asText();
    dispatch(ws, "INTERACTION_CREATE", interaction);
  }

  /** Sends an interaction on the connection of one shard (as Discord routes a server's events to its shard). */
  void sendInteraction(ObjectNode interaction, int shard) throws InterruptedException {
    WebSocket ws;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    synchronized (gatewayChanged) {
      while ((ws = shardSockets.get(shard)) == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no session for shard " + shard);
        }
        gatewayChanged.wait(Math.max(1, left / 1_000_000));
      }
    }
    sentAt.put(interaction.get("id").asText(), nanoTime.getAsLong());
    lastInteraction = interaction.get("id").asText();
    dispatch(ws, "INTERACTION_CREATE", interaction);
  }

  /** The gateway connection once its session is ready (or resumed), waiting for a reconnect if need be. */
  private WebSocket awaitSession(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (gatewayChanged) {
      while (socket.get() == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no gateway session in " + timeout);
        }
        gatewayChanged.wait(Math.max(1, left / 1_000_000));
      }
      return socket.get();
    }
  }

  long sentAtNanos(String interactionId) {
    return sentAt.get(interactionId);
  }

  String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  /**
   * Drops the gateway connection as Discord does on a server-side failure: close code 4000 ("unknown
   * error, reconnect"). (A server-side OkHttp socket cannot be cancelled abruptly.)
   */
  void dropGateway() {
    WebSocket ws;
    synchronized (gatewayChanged) {
      ws = socket.getAndSet(null);
    }
    if (ws != null) {
      ws.close(4000, "dropped by the test");
    }
  }

  /** Waits until the client sent gateway op {@code op} at position {@code from} or later. */
  void awaitGatewayOp(int from, Predicate<Integer> op, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (gatewayChanged) {
      while (true) {
        for (int i = from; i < gatewayOps.size(); i++) {
          if (op.test(gatewayOps.get(i))) {
            return;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no such gateway op in " + timeout + "; got " + gatewayOps);
        }
        gatewayChanged.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** What the client sent on the gateway, in order (IDENTIFY, heartbeats, RESUME). */
  List<JsonNode> gatewayPayloads() {
    return new ArrayList<>(gatewayPayloads);
  }

  int gatewayOpCount() {
    return gatewayOps.size();
  }

  boolean connected() {
    return socket.get() != null;
  }

  ObjectMapper mapper() {
    return JSON;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private static ObjectNode role(String id, String name, int position, long permissions) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", id).put("name", name).put("color", 0).put("hoist", false).put("position", position)
        .put("permissions", Long.toString(permissions)).put("managed", false).put("mentionable", false).put("flags", 0);
    r.putNull("icon");
    r.putNull("unicode_emoji");
    r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
    return r;
  }
  // --- server members (member audits): op 8 answered in GUILD_MEMBERS_CHUNKs, member and message events ---

  /** Discord's first second, 2015-01-01, where snowflake times start. */
  static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;
  /** Members a chunk holds at most, as Discord sends them. */
  static final int CHUNK = 1000;
  /** Bytes the fake lets wait in the socket's outgoing queue (OkHttp closes a socket past 16 MiB). */
  private static final long QUEUED_AT_MOST = 4L << 20;
  private static final java.time.format.DateTimeFormatter DISCORD_TIME =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", java.util.Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  /**
   * A member of the fake's server, with names (which the bot must never show publicly) and what an audit reads.
   * The id is a snowflake: its time is the account's creation.
   */
  record GuildMember(String id, String username, String globalName, java.time.Instant joinedAt, boolean avatar,
      boolean bot, boolean pending) {
    java.time.Instant createdAt() {
      return java.time.Instant.ofEpochMilli((Long.parseLong(id) >> 22) + DISCORD_EPOCH_MILLIS);
    }
  }

  /** An id whose time is {@code at} ({@code sequence} tells apart ids of the same millisecond). */
  static String snowflake(java.time.Instant at, long sequence) {
    long millis = at.toEpochMilli() - DISCORD_EPOCH_MILLIS;
    if (millis < 0) {
      throw new IllegalArgumentException("Discord ids start in 2015, not " + at);
    }
    return Long.toString((millis << 22) | (sequence & 0x3F_FFFF));
  }

  private final List<GuildMember> guildMembers = new CopyOnWriteArrayList<>();
  private final List<JsonNode> memberRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger chunksSent = new AtomicInteger();
  /** When the last members request arrived and when its last chunk was handed to the socket ({@link #nanoTime}). */
  private volatile long memberRequestAtNanos;
  private volatile long lastChunkAtNanos;
  /** Non-zero: IDENTIFY is answered by closing the gateway with this code (4014: a privileged intent refused). */
  volatile int identifyCloseCode;

  /** The server's members (besides the bot), sent in chunks when the bot asks for them. */
  void guildMembers(List<GuildMember> members) {
    guildMembers.clear();
    guildMembers.addAll(members);
  }

  List<GuildMember> guildMembers() {
    return List.copyOf(guildMembers);
  }

  /** The members requests (op 8) the bot sent, as sent. */
  List<JsonNode> memberRequests() {
    return List.copyOf(memberRequests);
  }

  int chunksSent() {
    return chunksSent.get();
  }

  long memberRequestAtNanos() {
    return memberRequestAtNanos;
  }

  long lastChunkAtNanos() {
    return lastChunkAtNanos;
  }

  /** The intents of the last IDENTIFY (op 2), or -1 before any. */
  long identifyIntents() {
    long intents = -1;
    for (JsonNode p : gatewayPayloads) {
      if (p.path("op").asInt() == 2) {
        intents = p.at("/d/intents").asLong(-1);
      }
    }
    return intents;
  }

  private boolean refusesIdentify(WebSocket webSocket) {
    int code = identifyCloseCode;
    if (code == 0) {
      return false;
    }
    webSocket.close(code, code == 4014 ? "Disallowed intent(s)." : "Refused by the test.");
    return true;
  }

  /**
   * Op 8, Request Guild Members: every member for an empty query (limit 0), those whose username starts with the
   * query (up to the limit), or those of {@code user_ids}; in chunks of {@value #CHUNK} with {@code chunk_index},
   * {@code chunk_count} and the request's {@code nonce}, from a thread of its own, never letting more than a few
   * MiB wait in the socket.
   */
  private void requestGuildMembers(WebSocket webSocket, JsonNode payload) {
    JsonNode d = payload.path("d");
    memberRequestAtNanos = nanoTime.getAsLong();
    memberRequests.add(d);
    List<GuildMember> all = List.copyOf(guildMembers);
    List<GuildMember> answer;
    List<String> notFound = new ArrayList<>();
    if (d.has("user_ids")) {
      java.util.Set<String> ids = new java.util.HashSet<>();
      d.path("user_ids").forEach(id -> ids.add(id.asText()));
      answer = all.stream().filter(m -> ids.contains(m.id())).toList();
      java.util.Set<String> found = answer.stream().map(GuildMember::id).collect(java.util.stream.Collectors.toSet());
      ids.stream().filter(id -> !found.contains(id)).forEach(notFound::add);
    } else {
      String query = d.path("query").asText("");
      int limit = d.path("limit").asInt(0);
      answer = all.stream().filter(m -> m.username().startsWith(query))
          .limit(limit == 0 ? Long.MAX_VALUE : limit).toList();
    }
    String guildId = d.path("guild_id").asText(GUILD_ID);
    Thread sender = new Thread(() -> {
      int count = Math.max(1, (answer.size() + CHUNK - 1) / CHUNK);
      for (int index = 0; index < count; index++) {
        // Written as text, not as a JSON tree: the fake stands for Discord's servers, and should cost the test's
        // CPU and heap (shared with the bot) as little as it can.
        StringBuilder chunk = new StringBuilder(CHUNK * 320);
        chunk.append("{\"guild_id\":\"").append(guildId).append("\",\"members\":[");
        List<GuildMember> part = answer.subList(index * CHUNK, Math.min(answer.size(), (index + 1) * CHUNK));
        for (int k = 0; k < part.size(); k++) {
          appendMember(chunk.append(k == 0 ? "" : ","), part.get(k));
        }
        chunk.append("],\"chunk_index\":").append(index).append(",\"chunk_count\":").append(count);
        if (index == 0 && !notFound.isEmpty()) {
          ArrayNode missing = JSON.createArrayNode();
          notFound.forEach(missing::add);
          chunk.append(",\"not_found\":").append(missing);
        }
        if (d.has("nonce")) {
          chunk.append(",\"nonce\":").append(JSON.getNodeFactory().textNode(d.get("nonce").asText()));
        }
        chunk.append('}');
        while (webSocket.queueSize() > QUEUED_AT_MOST) {
          java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        String frame = "{\"op\":0,\"t\":\"GUILD_MEMBERS_CHUNK\",\"s\":" + sequence.incrementAndGet() + ",\"d\":"
            + chunk + "}";
        if (index == count - 1) {
          lastChunkAtNanos = nanoTime.getAsLong();
        }
        webSocket.send(frame);
        chunksSent.incrementAndGet();
      }
    }, "fake-discord-chunks");
    sender.setDaemon(true);
    sender.start();
  }

  /** A member as a chunk holds it, written as JSON text. */
  private static void appendMember(StringBuilder out, GuildMember m) {
    out.append("{\"user\":{\"id\":\"").append(m.id()).append("\",\"username\":");
    out.append(JSON.getNodeFactory().textNode(m.username())).append(",\"global_name\":")
        .append(JSON.getNodeFactory().textNode(m.globalName()));
    out.append(",\"discriminator\":\"0\",\"avatar\":");
    if (m.avatar()) {
      out.append('"').append(Long.toHexString(Long.parseLong(m.id()) * 31 + 7)).append("0123456789abcdef\"");
    } else {
      out.append("null");
    }
    out.append(",\"bot\":").append(m.bot()).append(",\"public_flags\":0},\"nick\":null,\"roles\":[],\"joined_at\":\"")
        .append(DISCORD_TIME.format(m.joinedAt())).append("\",\"deaf\":false,\"mute\":false,\"pending\":")
        .append(m.pending()).append(",\"flags\":0}");
  }

  private static ObjectNode userJson(GuildMember m) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", m.id());
    u.put("username", m.username());
    u.put("global_name", m.globalName());
    u.put("discriminator", "0");
    if (m.avatar()) {
      u.put("avatar", Long.toHexString(Long.parseLong(m.id()) * 31 + 7) + "0123456789abcdef");
    } else {
      u.putNull("avatar");
    }
    u.put("bot", m.bot());
    u.put("public_flags", 0);
    return u;
  }

  private static ObjectNode memberJson(GuildMember m) {
    ObjectNode member = JSON.createObjectNode();
    member.set("user", userJson(m));
    member.putNull("nick");
    member.putArray("roles");
    member.put("joined_at", DISCORD_TIME.format(m.joinedAt()));
    member.put("deaf", false).put("mute", false).put("pending", m.pending()).put("flags", 0);
    return member;
  }

  /** {@code GUILD_MEMBER_ADD}: the member joins the server now (and is in the next chunks). */
  void memberJoins(GuildMember m) throws InterruptedException {
    guildMembers.add(m);
    ObjectNode d = memberJson(m);
    d.put("guild_id", GUILD_ID);
    dispatch(awaitSession(Duration.ofSeconds(30)), "GUILD_MEMBER_ADD", d);
  }

  /** {@code GUILD_MEMBER_REMOVE}: the member leaves the server. */
  void memberLeaves(GuildMember m) throws InterruptedException {
    guildMembers.removeIf(g -> g.id().equals(m.id()));
    ObjectNode d = JSON.createObjectNode();
    d.put("guild_id", GUILD_ID);
    d.set("user", userJson(m));
    dispatch(awaitSession(Duration.ofSeconds(30)), "GUILD_MEMBER_REMOVE", d);
  }

  /** {@code MESSAGE_CREATE} in the server's channel, by {@code author} at {@code at}, saying {@code content}. */
  void memberSays(GuildMember author, java.time.Instant at, String content) throws InterruptedException {
    ObjectNode d = JSON.createObjectNode();
    d.put("id", snowflake(at, ids.incrementAndGet()));
    d.put("channel_id", GUILD_CHANNEL_ID);
    d.put("guild_id", GUILD_ID);
    d.set("author", userJson(author));
    ObjectNode member = memberJson(author);
    member.remove("user");
    d.set("member", member);
    d.put("content", content);
    d.put("timestamp", DISCORD_TIME.format(at));
    d.putNull("edited_timestamp");
    d.put("tts", false).put("mention_everyone", false).put("pinned", false).put("type", 0).put("flags", 0);
    d.putArray("mentions");
    d.putArray("mention_roles");
    d.putArray("attachments");
    d.putArray("embeds");
    d.putArray("components");
    dispatch(awaitSession(Duration.ofSeconds(30)), "MESSAGE_CREATE", d);
  }
}
