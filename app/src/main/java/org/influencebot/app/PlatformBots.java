package org.influencebot.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.influencebot.config.ConfigException;
import org.influencebot.core.chart.Charts;
import org.influencebot.core.text.Messages;
import org.influencebot.discord.DiscordBot;
import org.influencebot.discord.DiscordOptions;
import org.influencebot.discord.DiscordStartException;
import org.influencebot.store.InstanceLock;
import org.influencebot.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the chat bots whose tokens are configured until the process is stopped. */
final class PlatformBots {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformBots.class);

  private PlatformBots() {}

  static boolean anyConfigured(BotContext context) {
    return context.settings.optional("discord.token").isPresent() || context.settings.optional("telegram.token").isPresent();
  }

  static int run(BotContext context, PrintWriter out, PrintWriter err) throws InterruptedException {
    List<AutoCloseable> running = new ArrayList<>();
    try {
      Optional<String> discordToken = context.settings.optional("discord.token");
      if (discordToken.isPresent()) {
        running.add(InstanceLock.acquire(context.settings.path("data_dir"), discordToken.get()));
        DiscordBot bot = new DiscordBot(discordOptions(context, discordToken.get()), context.runner, context.store,
            () -> DebugReport.of(context), summary -> Charts.summaryChart(summary, Messages.english()));
        bot.start();
        running.add(bot);
        bot.awaitReady();
        out.println("Discord bot connected.");
      }
      if (context.settings.optional("telegram.token").isPresent()) {
        err.println("The Telegram bot is not part of this build yet; only Discord is started.");
      }
    } catch (StoreException | DiscordStartException | ConfigException | IllegalArgumentException e) {
      err.println(e.getMessage());
      closeAll(running);
      return 2;
    } catch (RuntimeException e) {
      // JDA reports an unreachable Discord as an unchecked error; the token is never part of its message.
      LOG.debug("start failed", e);
      err.println("Could not connect to Discord (" + rootCause(e) + "). Check this machine's network connection, and "
          + "discord.rest_url / discord.gateway_url if you set them.");
      closeAll(running);
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      closeAll(running);
      stopped.countDown();
    }, "shutdown"));
    out.println("Running. Stop with Ctrl-C.");
    stopped.await();
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
        options.shardTotal(), options.firstShard(), options.lastShard(), s.optional("discord.owner_id"));
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
