package org.influencebot.app;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.discord.DiscordBot;
import org.influencebot.discord.DiscordEmbeds;
import org.influencebot.discord.DiscordOptions;
import org.influencebot.discord.DiscordStartException;
import org.influencebot.store.InstanceLock;
import org.influencebot.store.StoreException;
import org.influencebot.telegram.TelegramBot;
import org.influencebot.telegram.TelegramOptions;
import org.influencebot.telegram.TelegramStartException;
import org.influencebot.telegram.WebhookOptions;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the chat bots whose tokens are configured until the process is stopped. */
final class PlatformBots {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformBots.class);

  private PlatformBots() {}

  static boolean anyConfigured(BotContext context) {
    return context.settings.optional("discord.token").isPresent() || context.settings.optional("telegram.token").isPresent();
  }

  /**
   * The locks a bot process holds, taken before the store is opened so that a second process is told
   * at once: one per configured token (with Discord's shard range, and Telegram's webhook address), and,
   * on SQLite, the store's (one bot process per file).
   *
   * @throws StoreException with the sentence for the operator; nothing stays locked
   */
  static AutoCloseable lock(Settings settings) {
    List<AutoCloseable> locks = new ArrayList<>();
    try {
      Path dataDir = settings.path("data_dir");
      Optional<String> discord = settings.optional("discord.token");
      if (discord.isPresent()) {
        // Processes running other shards of the same bot may share the data folder; the same shards may not.
        locks.add(InstanceLock.acquire(dataDir, discord.get() + "#shards " + shardRange(settings)));
      }
      Optional<String> telegram = settings.optional("telegram.token");
      if (telegram.isPresent()) {
        // Webhook replicas share the token, each on its own address; only one process may poll.
        locks.add(InstanceLock.acquire(dataDir, telegram.get() + settings.optional("telegram.webhook.url")
            .map(url -> "#webhook " + settings.string("telegram.webhook.listen")).orElse("")));
      }
      if (settings.optional("store.jdbc_url").isEmpty()) {
        locks.add(InstanceLock.acquireSqliteStore(dataDir));
      }
    } catch (RuntimeException e) {
      closeAll(locks);
      throw e;
    }
    return () -> closeAll(locks);
  }

  /** The shards this process runs, as {@code first-last/total}; the settings checked the range. */
  static String shardRange(Settings settings) {
    int total = settings.integer("discord.shard_total");
    String range = settings.optional("discord.shards").orElse("0-" + (total - 1));
    return range + "/" + total;
  }

  /** The chat bots of one process once started: what {@link #run} waits on, and what tests drive. */
  static final class Bots implements AutoCloseable {
    final List<AutoCloseable> running = new ArrayList<>();
    final CompletableFuture<String> telegramFailure = new CompletableFuture<>();
    Optional<DiscordBot> discord = Optional.empty();
    Optional<TelegramBot> telegram = Optional.empty();
    private String starting = "Discord";

    @Override
    public void close() {
      closeAll(running);
    }
  }

  /**
   * Starts the bots whose tokens are configured (the caller holds the {@link #lock locks}). On failure the
   * exception goes to the caller, who closes {@code bots}; {@code bots.starting} says which platform.
   */
  static void start(BotContext context, Bots bots, PrintWriter out) throws ConfigException {
    Optional<String> discordToken = context.settings.optional("discord.token");
    if (discordToken.isPresent()) {
      DiscordOptions discord = discordOptions(context, discordToken.get());
      DiscordBot bot = new DiscordBot(discord, context.runner, new DiscordEmbeds(context.clock, context.charts),
          context.members);
      bot.start();
      bots.running.add(bot);
      bots.discord = Optional.of(bot);
      try {
        bot.awaitReady();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Discord connected");
      }
      out.println("Discord bot connected (shards " + discord.firstShard() + "-" + discord.lastShard() + " of "
          + discord.shardTotal() + ").");
    }
    Optional<String> telegramToken = context.settings.optional("telegram.token");
    if (telegramToken.isPresent()) {
      bots.starting = "Telegram";
      Optional<WebhookOptions> webhook = webhookOptions(context);
      TelegramBot bot = startTelegram(context, telegramToken.get(), webhook, bots.telegramFailure);
      bots.running.add(bot);
      bots.telegram = Optional.of(bot);
      out.println("Telegram bot @" + bot.username().orElse("?") + (webhook.isPresent()
          ? " takes its updates by webhook on " + bot.webhookAddress().map(Object::toString).orElse("?") + "."
          : " is polling."));
    }
  }

  static int run(BotContext context, PrintWriter out, PrintWriter err) throws InterruptedException {
    Bots bots = new Bots();
    List<AutoCloseable> running = bots.running;
    CompletableFuture<String> telegramFailure = bots.telegramFailure;
    try {
      start(context, bots, out);
    } catch (StoreException | DiscordStartException | TelegramStartException | ConfigException
        | IllegalArgumentException e) {
      err.println(e.getMessage());
      closeAll(running);
      return 2;
    } catch (RuntimeException e) {
      // JDA reports an unreachable Discord as an unchecked error; the token is never part of its message.
      LOG.debug("start failed", e);
      String starting = bots.starting;
      String settings = starting.equals("Discord") ? "discord.rest_url / discord.gateway_url" : "telegram.api_url";
      err.println("Could not connect to " + starting + " (" + rootCause(e) + "). Check this machine's network "
          + "connection, and " + settings + " if you set them.");
      closeAll(running);
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      StoppingLogFilter.stopping();
      closeAll(running);
      stopped.countDown();
    }, "shutdown"));
    // Cache statistics in the log every 15 minutes, for operators watching hit rates and load times.
    ScheduledExecutorService statistics = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cache-statistics");
      t.setDaemon(true);
      return t;
    });
    statistics.scheduleAtFixedRate(() -> LOG.info(DebugReport.cacheLine(context)), 15, 15, TimeUnit.MINUTES);
    running.add(0, statistics::shutdownNow);
    out.println("Running. Stop with Ctrl-C.");
    return awaitStop(stopped, telegramFailure, running, err);
  }

  /**
   * Starts the Telegram bot; when it later stops by itself (another instance took the token, the
   * token was revoked), {@code failure} completes with the sentence for the operator.
   */
  static TelegramBot startTelegram(BotContext context, String token, CompletableFuture<String> failure)
      throws ConfigException {
    return startTelegram(context, token, webhookOptions(context), failure);
  }

  static TelegramBot startTelegram(BotContext context, String token, Optional<WebhookOptions> webhook,
      CompletableFuture<String> failure) throws ConfigException {
    return startTelegram(context, telegramOptions(context, token), webhook, failure);
  }

  /** As above, with the options given (the load harness opens the pacing wide). */
  static TelegramBot startTelegram(BotContext context, TelegramOptions options, Optional<WebhookOptions> webhook,
      CompletableFuture<String> failure) {
    TelegramBot bot = new TelegramBot(options, context.runner, context.clock, context.charts);
    // Joins, leaves and activity in groups where the bot is an administrator, for /members (with the joins chart).
    bot.watchMembers(context.members, org.influencebot.core.chart.Charts::joinsChart);
    webhook.ifPresent(bot::useWebhook);
    context.sharedBuckets().ifPresent(bot::shareLimits);
    context.platformStatus.add(bot::outgoingStatus);
    bot.start();
    bot.stopped().whenComplete((ignored, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        failure.complete(cause instanceof TelegramStartException ? cause.getMessage()
            : "The Telegram bot stopped: " + cause.getClass().getSimpleName());
      }
    });
    return bot;
  }

  /** Webhook mode when {@code telegram.webhook.url} is set (the settings checked the secret and the address). */
  static Optional<WebhookOptions> webhookOptions(BotContext context) {
    var s = context.settings;
    return s.optional("telegram.webhook.url").map(url -> {
      String listen = s.string("telegram.webhook.listen");
      int colon = listen.lastIndexOf(':');
      return new WebhookOptions(URI.create(url), new InetSocketAddress(listen.substring(0, colon),
          Integer.parseInt(listen.substring(colon + 1))), s.string("telegram.webhook.secret_token"),
          s.bool("telegram.webhook.delete_on_stop"));
    });
  }

  static TelegramOptions telegramOptions(BotContext context, String token) throws ConfigException {
    var s = context.settings;
    TelegramOptions options = TelegramOptions.of(token).withRemoveWebhook(s.bool("telegram.remove_webhook"));
    Optional<String> api = s.optional("telegram.api_url");
    if (api.isPresent()) {
      URI uri = URI.create(api.get());
      if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
        throw new ConfigException("'telegram.api_url' is the Bot API server's address, such as http://127.0.0.1:8081, "
            + "without a path (not \"" + api.get() + "\").");
      }
      int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
      options = options.withApi(uri.getScheme(), uri.getHost(), port);
    }
    Optional<String> owner = s.optional("telegram.owner_id");
    if (owner.isPresent()) {
      try {
        options = options.withOwner(Long.parseLong(owner.get().strip()));
      } catch (NumberFormatException e) {
        throw new ConfigException("'telegram.owner_id' must be a Telegram user id (digits), not \"" + owner.get()
            + "\". Your id is shown by bots such as @userinfobot.");
      }
    }
    return options;
  }

  /** 0 after Ctrl-C; 2, with the sentence printed, when the Telegram bot stopped by itself. */
  private static int awaitStop(CountDownLatch stopped, CompletableFuture<String> telegramFailure,
      List<AutoCloseable> running, PrintWriter err) throws InterruptedException {
    while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
      if (telegramFailure.isDone()) {
        err.println(telegramFailure.join());
        err.flush();
        StoppingLogFilter.stopping();
        closeAll(running);
        return 2;
      }
    }
    return 0;
  }

  static DiscordOptions discordOptions(BotContext context, String token) throws ConfigException {
    var s = context.settings;
    DiscordOptions options = DiscordOptions.of(token);
    if (s.optional("discord.rest_url").isPresent() != s.optional("discord.gateway_url").isPresent()) {
      throw new ConfigException("'discord.rest_url' and 'discord.gateway_url' go together: set both, or neither.");
    }
    if (s.optional("discord.rest_url").isPresent()) {
      options = options.withEndpoints(s.string("discord.rest_url"), s.string("discord.gateway_url"));
    }
    Optional<String> guild = s.optional("discord.dev_guild_id");
    if (guild.isPresent()) {
      try {
        options = options.withDevGuild(Long.parseLong(guild.get()));
      } catch (NumberFormatException e) {
        throw new ConfigException("'discord.dev_guild_id' must be a server id (digits), not \"" + guild.get() + "\".");
      }
    }
    int total = s.integer("discord.shard_total");
    int first = 0;
    int last = total - 1;
    Optional<String> range = s.optional("discord.shards");
    if (range.isPresent()) {
      String[] parts = range.get().split("-");
      first = Integer.parseInt(parts[0]);
      last = Integer.parseInt(parts[1]);
    }
    options = options.withShards(total, first, last);
    return new DiscordOptions(options.token(), options.restBaseUrl(), options.gatewayUrl(), options.devGuildId(),
        options.shardTotal(), options.firstShard(), options.lastShard(), s.optional("discord.owner_id"),
        s.bool("discord.member_audit"));
  }

  private static String rootCause(Throwable e) {
    Throwable c = e;
    // JDA chains a ContextException (where the request was made) as the cause: skip it.
    while (c.getCause() != null && c.getCause() != c && !c.getCause().getClass().getSimpleName().equals("ContextException")) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
  }

  private static void closeAll(List<AutoCloseable> running) {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        LOG.warn("while stopping: {}", e.getMessage());
      }
    }
    running.clear();
  }
}
