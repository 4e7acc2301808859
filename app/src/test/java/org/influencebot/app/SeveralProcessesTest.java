package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.influencebot.config.Settings;
import org.influencebot.discord.TestDiscord;
import org.influencebot.redis.RedisTestServer;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.TestPostgres;
import org.influencebot.telegram.TestTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 16: two full bot instances (each with its own cache, limits, Discord shard
 * manager and Telegram webhook server) against one real Redis and one real PostgreSQL, a fake Discord
 * with two shards and a fake Telegram whose webhook posts go through a round-robin proxy.
 */
class SeveralProcessesTest {
  private static final String SECRET = "proof-of-several-processes_16";

  private final RedisTestServer redis = new RedisTestServer();
  private final StoreLocation.PostgresDatabase database = TestPostgres.newDatabase();
  private final TestDiscord discord;
  private final TestTelegram telegram;
  private final MockWebServer mastodon = new MockWebServer();
  private final Path dataDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  SeveralProcessesTest() throws IOException {
    discord = new TestDiscord();
    telegram = new TestTelegram();
    mastodon.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
            .body("{\"error\":\"Record not found\"}").build();
      }
    });
    mastodon.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    dataDir = Files.createTempDirectory("several-processes");
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    telegram.close();
    discord.close();
    mastodon.close();
    redis.close();
  }

  /** One process of the bot: its context (service, cache, limits, store, Redis) and its platform bots. */
  private record Replica(BotContext context, PlatformBots.Bots bots, String output) implements AutoCloseable {
    @Override
    public void close() {
      bots.close();
      context.close();
    }
  }

  private Replica start(int shard, int webhookPort) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("INFLUENCE_BOT_DATA_DIR", dataDir.toString()); // shared: the locks are per shard range and webhook address
    env.put("INFLUENCE_BOT_STORE_JDBC_URL", database.jdbcUrl());
    env.put("INFLUENCE_BOT_STORE_USER", database.user());
    env.put("INFLUENCE_BOT_STORE_PASSWORD", database.password());
    env.put("INFLUENCE_BOT_REDIS_URL", redis.url());
    // The shared path is under test here (the fallback is tested in the redis module): a busy CI machine
    // must not push a replica onto its own limits for a slow answer.
    env.put("INFLUENCE_BOT_REDIS_TIMEOUT", "10s");
    env.put("INFLUENCE_BOT_LIMITS_PER_USER_PER_MINUTE", "2");
    env.put("INFLUENCE_BOT_SOURCE_MASTODON_BASE_URL", "http://127.0.0.1:" + mastodon.getPort() + "/");
    env.put("INFLUENCE_BOT_SOURCE_MASTODON_REQUESTS_PER_5MIN", "1"); // one lookup's worth for the whole bot
    env.put("INFLUENCE_BOT_DISCORD_TOKEN", TestDiscord.TOKEN);
    env.put("INFLUENCE_BOT_DISCORD_REST_URL", discord.restUrl());
    env.put("INFLUENCE_BOT_DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("INFLUENCE_BOT_DISCORD_SHARD_TOTAL", "2");
    env.put("INFLUENCE_BOT_DISCORD_SHARDS", shard + "-" + shard);
    env.put("INFLUENCE_BOT_TELEGRAM_TOKEN", TestTelegram.TOKEN);
    env.put("INFLUENCE_BOT_TELEGRAM_API_URL", telegram.apiUrl());
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram");
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1:" + webhookPort);
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", SECRET);
    Settings settings = Settings.load(Optional.empty(), env);
    // As the launcher does: the locks first. Both replicas share the data folder, on other shards and addresses.
    AutoCloseable locks = PlatformBots.lock(settings);
    toClose.add(locks);
    BotContext context = BotContext.create(settings);
    PlatformBots.Bots bots = new PlatformBots.Bots();
    StringWriter out = new StringWriter();
    try {
      PlatformBots.start(context, bots, new PrintWriter(out, true));
    } catch (Exception | Error e) {
      bots.close();
      context.close();
      throw e;
    }
    Replica replica = new Replica(context, bots, out.toString());
    toClose.add(replica);
    return replica;
  }

  @Test
  void twoReplicasShareTheWorkTheCacheTheLimitsAndTheBudgetsAndOneKeepsAnsweringWhenTheOtherStops()
      throws Exception {
    int portA = freePort();
    int portB = freePort();
    Replica a = start(0, portA);
    Replica b = start(1, portB);
    assertThat(a.output()).contains("shards 0-0 of 2").contains("by webhook");
    assertThat(b.output()).contains("shards 1-1 of 2").contains("by webhook");
    try (RoundRobinProxy proxy = new RoundRobinProxy(List.of(portA, portB))) {
      // Discord: each shard's interactions reach the process running it, answered once.
      List<String> interactions = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        interactions.add(discord.sendHelp(i % 2, Long.toString(1_600_000_000_000_000_000L + i)));
      }
      for (String id : interactions) {
        discord.awaitAnswer(id);
      }
      assertThat(interactions).allSatisfy(id -> assertThat(discord.answers(id)).as(id).isEqualTo(1));
      assertThat(discord.commandRegistrations()).as("only the process running shard 0 registers").isEqualTo(1);

      // Telegram: updates spread over both replicas by the proxy, each answered once.
      for (long user = 1000; user < 1020; user++) {
        assertThat(proxy.post(telegram.privateText(user, "/help"))).isEqualTo(200);
      }
      for (long user = 1000; user < 1020; user++) {
        assertThat(telegram.awaitReplyTo(user)).isNotEmpty();
      }
      assertThat(proxy.forwarded).containsExactly(10, 10);
      assertThat(telegram.calls("setwebhook")).isEqualTo(2);

      // The shared cache: what A computed, B serves.
      proxy.post(telegram.privateText(2000, "/influence @mid_creator")); // to A
      telegram.awaitReplyTo(2000);
      proxy.post(telegram.privateText(2001, "/influence @mid_creator")); // to B
      assertThat(telegram.awaitReplyTo(2001)).contains("from cache");
      assertThat(b.context().service.sharedStats().hits()).isEqualTo(1);
      assertThat(DebugReport.of(b.context())).contains("shared cache: 1 hits").contains("redis redis://127.0.0.1")
          .contains(": up");

      // A user's limit (2 a minute here) holds across both replicas.
      proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // A
      assertThat(telegram.awaitReplyTo(3000)).doesNotContain("asking a bit fast");
      proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // B
      assertThat(telegram.awaitReplyTo(3000)).doesNotContain("asking a bit fast");
      proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // A
      assertThat(telegram.awaitReplyTo(3000)).contains("asking a bit fast");

      // A source's budget (one Mastodon lookup per 5 minutes here) holds across both replicas.
      proxy.post(telegram.privateText(4000, "/influence @alice@example.social")); // B
      assertThat(telegram.awaitReplyTo(4000)).doesNotContain("allowance");
      proxy.post(telegram.privateText(4001, "/influence @bob@example.social")); // A
      assertThat(telegram.awaitReplyTo(4001)).contains("allowance");

      // B stops; A keeps answering its shard and every Telegram update the proxy sends.
      b.close();
      toClose.remove(b);
      for (long user = 5000; user < 5004; user++) {
        assertThat(proxy.post(telegram.privateText(user, "/help"))).isEqualTo(200);
        assertThat(telegram.awaitReplyTo(user)).isNotEmpty();
      }
      String afterStop = discord.sendHelp(0, "1600000000000000999");
      discord.awaitAnswer(afterStop);

      for (long user = 1000; user < 1020; user++) {
        assertThat(telegram.repliesTo(user)).as("replies to %d", user).isEqualTo(1);
      }
      for (long user = 5000; user < 5004; user++) {
        assertThat(telegram.repliesTo(user)).as("replies to %d", user).isEqualTo(1);
      }
      assertThat(discord.answers(afterStop)).isEqualTo(1);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A reverse proxy as an operator would put in front of the replicas: each post goes to the next
   * replica in turn, and to the one after when a replica does not answer.
   */
  private static final class RoundRobinProxy implements AutoCloseable {
    private final List<Integer> upstreams;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicInteger next = new AtomicInteger();
    /** How many posts each upstream took. */
    final List<Integer> forwarded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpServer server;

    RoundRobinProxy(List<Integer> upstreams) throws IOException {
      this.upstreams = upstreams;
      upstreams.forEach(u -> forwarded.add(0));
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      server.createContext("/", exchange -> {
        try (exchange; InputStream in = exchange.getRequestBody()) {
          byte[] body = in.readAllBytes();
          String secret = exchange.getRequestHeaders().getFirst(TestTelegram.SECRET_HEADER);
          int status = 502;
          for (int attempt = 0; attempt < upstreams.size() && status == 502; attempt++) {
            int which = Math.floorMod(next.getAndIncrement(), upstreams.size());
            try {
              status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstreams.get(which)
                  + exchange.getRequestURI().getPath())).header(TestTelegram.SECRET_HEADER, secret)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                  HttpResponse.BodyHandlers.discarding()).statusCode();
              forwarded.set(which, forwarded.get(which) + 1);
            } catch (IOException e) {
              status = 502; // that replica is gone: the next one
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(status, -1);
        }
      });
      server.start();
    }

    /** Posts an update as Telegram would: with the secret token, to the public path. */
    int post(String update) throws IOException, InterruptedException {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
          + "/telegram")).header(TestTelegram.SECRET_HEADER, SECRET)
          .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
