package org.influencebot.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot: connects the shards this process runs, registers the slash commands and answers
 * them. The launcher builds it, calls {@link #start()}, and {@link #close()} on the way out.
 *
 * <p>Each shard is its own JDA client sharing one session controller, which spaces out their
 * logins as Discord asks. No privileged intent, and no optional one, is used: slash commands need
 * none (JDA always asks for servers, so the development server is known when it becomes ready).
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final DiscordOptions options;
  private final InteractionListener listener;
  private final ExecutorService storeThread;
  static final int STORE_THREADS = 4;
  private final List<JDA> shards = new ArrayList<>();
  private boolean started;

  /**
   * @param options the token, endpoints, development server, shard range and owner
   * @param runner the core's command runner (with its service, limits and store), shared with other platforms
   * @param charts a summary's follower chart as a PNG, attached to the reply when present
   */
  public DiscordBot(DiscordOptions options, CommandRunner runner, Function<Summary, Optional<byte[]>> charts) {
    this(options, runner, new DiscordEmbeds(runner.service().clock(), charts));
  }

  /** As above, with the renderer (charts in the reader's language, the {@code /compare} chart). */
  public DiscordBot(DiscordOptions options, CommandRunner runner, DiscordEmbeds embeds) {
    this.options = options;
    // A few threads for the store and the answers that follow (it may touch a disk or a database, never
    // on JDA's event thread), so that one slow settings read does not hold every other server's answer.
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    this.storeThread = Executors.newFixedThreadPool(STORE_THREADS, r -> {
      Thread t = new Thread(r, "discord-store-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.listener = new InteractionListener(runner, embeds, options.ownerId(), storeThread, options.devGuildId());
  }

  /**
   * Logs in every shard of this process and returns; commands are registered as each shard gets
   * ready. Throws {@link DiscordStartException} with a sentence saying what to do when Discord
   * rejects the token.
   */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("The Discord bot is already started.");
    }
    started = true;
    // Nothing the bot says pings anyone: the default for every message, set again on each message and edit.
    MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
    SessionController sessions = options.gatewayUrl().<SessionController>map(GatewayAt::new)
        .orElseGet(SessionControllerAdapter::new);
    LOG.info("connecting to Discord: {}", options);
    for (int shard = options.firstShard(); shard <= options.lastShard(); shard++) {
      JDABuilder builder = JDABuilder.createLight(options.token(), EnumSet.noneOf(GatewayIntent.class))
          .setSessionController(sessions)
          .setEnableShutdownHook(false)
          .addEventListeners(listener);
      if (options.shardTotal() > 1) {
        builder.useSharding(shard, options.shardTotal());
      }
      options.restBaseUrl().ifPresent(url -> builder.setRestConfig(
          new RestConfig().setBaseUrl(url.endsWith("/") ? url : url + "/")));
      if (options.gatewayUrl().isPresent()) {
        builder.setCompression(Compression.NONE);
      }
      try {
        shards.add(builder.build());
      } catch (InvalidTokenException e) {
        close();
        // Deliberately without the cause: nothing about the token goes further.
        throw new DiscordStartException(Messages.english().get("discord.token.rejected"), null);
      }
    }
  }

  /** Waits until every shard of this process is connected (for the launcher's startup message and tests). */
  public void awaitReady() throws InterruptedException {
    for (JDA jda : shards()) {
      jda.awaitReady();
    }
  }

  synchronized List<JDA> shards() {
    return List.copyOf(shards);
  }

  /**
   * Waits (up to 10 s) for answers still being computed to be sent, disconnects every shard letting
   * queued requests go out, then stops. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    if (!shards.isEmpty()) {
      try {
        listener.drain(SHUTDOWN_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (JDA jda : shards) {
      jda.shutdown();
    }
    for (JDA jda : shards) {
      try {
        if (!jda.awaitShutdown(SHUTDOWN_GRACE)) {
          jda.shutdownNow();
        }
      } catch (InterruptedException e) {
        jda.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    shards.clear();
    storeThread.shutdownNow();
  }

  /** The gateway at a configured URL (a proxy, or a test's fake Discord) instead of Discord's own. */
  private static final class GatewayAt extends SessionControllerAdapter {
    private final String url;

    GatewayAt(String url) {
      this.url = url;
    }

    @Override
    public String getGateway() {
      return url;
    }
  }
}
