package org.influencebot.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.discord.TestDiscord;
import org.influencebot.redis.RedisTestServer;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.TestPostgres;
import org.influencebot.telegram.TelegramBot;
import org.influencebot.telegram.TelegramOptions;
import org.influencebot.telegram.TestTelegram;

/**
 * Full bot instances in one JVM, as separate processes of one bot would run: one real Redis, one real
 * PostgreSQL, a fake Discord with two shards, a fake Telegram whose webhook posts go through a
 * {@link RoundRobinProxy}, and a Mastodon that knows no one. Each instance has its own context (service,
 * Caffeine cache, limits, store pool, Redis link) and its own platform bots, started as the launcher starts
 * them. Shared by {@link SeveralProcessesTest} and {@link SeveralProcessesLoadTest}.
 */
final class BotCluster implements AutoCloseable {
  static final String SECRET = "proof-of-several-processes_16-0123456789abcdef";

  final RedisTestServer redis = new RedisTestServer();
  final StoreLocation.PostgresDatabase database = TestPostgres.newDatabase();
  final TestDiscord discord;
  final TestTelegram telegram;
  private final MockWebServer mastodon = new MockWebServer();
  private final Path dataDir;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** One process of the bot: its context and its platform bots, what it printed, where its webhook listens. */
  record Replica(BotContext context, PlatformBots.Bots bots, String output, int webhookPort) implements AutoCloseable {
    @Override
    public void close() {
      bots.close();
      context.close();
    }
  }

  BotCluster() throws IOException {
    discord = new TestDiscord();
    telegram = new TestTelegram();
    mastodon.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
            .body("{\"error\":\"Record not found\"}").build();
      }
    });
    mastodon.start(InetAddress.getByName("127.0.0.1"), 0);
    dataDir = Files.createTempDirectory("several-processes");
  }

  /**
   * Starts a process running Discord's {@code shards} (such as {@code 0-0}) of two and taking Telegram's
   * webhook posts, with the settings in {@code overrides} (environment names) over the cluster's.
   */
  Replica start(String shards, Map<String, String> overrides) throws Exception {
    int webhookPort = freePort();
    Settings settings = Settings.load(Optional.empty(), environment(shards, webhookPort, overrides));
    // As the launcher does: the locks first. The replicas share the data folder, on other shards and addresses.
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
    Replica replica = new Replica(context, bots, out.toString(), webhookPort);
    toClose.add(replica);
    return replica;
  }

  /** A process of the bot run from the launcher's jar in a JVM of its own; stopping it is Ctrl-C (SIGTERM). */
  record Jvm(Process process, int webhookPort) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * As {@link #start}, but as the operator runs it: {@code java -jar influence-bot.jar} with the settings in
   * its environment, once that jar exists ({@code mvn -pl app -am package -DskipTests}). Returns once the
   * process says it is running; what it prints goes to {@code out}.
   */
  Jvm startJvm(Path jar, String shards, Map<String, String> overrides, Path out) throws Exception {
    int webhookPort = freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString());
    builder.environment().putAll(environment(shards, webhookPort, overrides));
    builder.redirectErrorStream(true);
    Process process = builder.start();
    Jvm jvm = new Jvm(process, webhookPort);
    toClose.add(jvm);
    CompletableFuture<Void> running = new CompletableFuture<>();
    Thread copy = new Thread(() -> {
      try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8)); var log = Files.newBufferedWriter(out)) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.write(line);
          log.newLine();
          log.flush();
          if (line.startsWith("Running.")) {
            running.complete(null);
          }
        }
      } catch (IOException e) {
        running.completeExceptionally(e);
      }
      running.completeExceptionally(new IllegalStateException("the process ended before running; see " + out));
    }, "jvm-output");
    copy.setDaemon(true);
    copy.start();
    running.get(120, TimeUnit.SECONDS);
    return jvm;
  }

  /** The settings of one process, as environment variables: the cluster's, then {@code overrides}. */
  private Map<String, String> environment(String shards, int webhookPort, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("INFLUENCE_BOT_DATA_DIR", dataDir.toString()); // shared: the locks are per shard range and webhook address
    env.put("INFLUENCE_BOT_STORE_JDBC_URL", database.jdbcUrl());
    env.put("INFLUENCE_BOT_STORE_USER", database.user());
    env.put("INFLUENCE_BOT_STORE_PASSWORD", database.password());
    env.put("INFLUENCE_BOT_REDIS_URL", redis.url());
    // The shared path is under test here (the fallback is tested in the redis module): a busy CI machine
    // must not push a replica onto its own limits for a slow answer.
    env.put("INFLUENCE_BOT_REDIS_TIMEOUT", "10s");
    env.put("INFLUENCE_BOT_SOURCE_MASTODON_BASE_URL", "http://127.0.0.1:" + mastodon.getPort() + "/");
    env.put("INFLUENCE_BOT_DISCORD_TOKEN", TestDiscord.TOKEN);
    env.put("INFLUENCE_BOT_DISCORD_REST_URL", discord.restUrl());
    env.put("INFLUENCE_BOT_DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("INFLUENCE_BOT_DISCORD_SHARD_TOTAL", "2");
    env.put("INFLUENCE_BOT_DISCORD_SHARDS", shards);
    env.put("INFLUENCE_BOT_TELEGRAM_TOKEN", TestTelegram.TOKEN);
    env.put("INFLUENCE_BOT_TELEGRAM_API_URL", telegram.apiUrl());
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram");
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1:" + webhookPort);
    env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", SECRET);
    env.putAll(overrides);
    env.values().removeIf(String::isEmpty); // an empty override removes the setting
    return env;
  }

  /**
   * Starts Telegram's webhook bot in a replica started without it ({@code INFLUENCE_BOT_TELEGRAM_TOKEN}
   * overridden empty), paced by {@code pacing} instead of Telegram's limits.
   */
  TelegramBot startTelegram(Replica replica, TelegramOptions.Pacing pacing) throws ConfigException {
    BotContext context = replica.context();
    TelegramBot bot = PlatformBots.startTelegram(context,
        PlatformBots.telegramOptions(context, TestTelegram.TOKEN).withPacing(pacing), PlatformBots.webhookOptions(context),
        replica.bots().telegramFailure);
    replica.bots().running.add(bot);
    return bot;
  }

  /** Stops one process, as if it were killed (its queued replies are sent first, as at a normal stop). */
  void stop(Replica replica) {
    replica.close();
    toClose.remove(replica);
  }

  /** A proxy sending Telegram's posts to the replicas' webhooks in turn. */
  RoundRobinProxy proxy(List<Replica> replicas) throws IOException {
    return proxyTo(replicas.stream().map(Replica::webhookPort).toList());
  }

  /** A proxy sending Telegram's posts to these webhook ports in turn. */
  RoundRobinProxy proxyTo(List<Integer> webhookPorts) throws IOException {
    RoundRobinProxy proxy = new RoundRobinProxy(webhookPorts, SECRET);
    toClose.add(proxy);
    return proxy;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops every process (each sends what it has queued first) and the proxy; the fakes keep what they received. */
  void stopProcesses() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    toClose.clear();
  }

  @Override
  public void close() throws Exception {
    stopProcesses();
    telegram.close();
    discord.close();
    mastodon.close();
    redis.close();
  }
}
