package org.influencebot.discord;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.sharding.DefaultShardManager;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.CloseCode;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.members.MemberRoster;
import org.influencebot.core.members.MemberWatch;
import org.influencebot.core.members.MemoryMemberLog;
import org.influencebot.core.text.Text;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord bot: connects the shards this process runs, registers the slash commands and answers
 * them. The launcher builds it, calls {@link #start()}, and {@link #close()} on the way out.
 *
 * <p>The shards are run by JDA's {@link DefaultShardManager} (the range {@code firstShard..lastShard} of
 * {@code shardTotal}, so several processes can split one bot); its session controller spaces out
 * their logins as Discord asks. No privileged intent, and no optional one, is used: slash commands need
 * none (JDA always asks for servers, so the development server is known when it becomes ready). With
 * {@code discord.member_audit}, and only then, the bot asks for the privileged Server Members intent (member
 * chunks, joins and leaves) and for guild messages (their authors and times, counted for activity: the content
 * intent is never asked for), for {@code /influence-members}.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordBot.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final DiscordOptions options;
  private final InteractionListener listener;
  private final ExecutorService storeThread;
  private final ExecutorService events;
  private final ExecutorService renders;
  /**
   * Threads that answer interactions through the core: they wait on I/O more than they compute (the
   * store, and with {@code redis.url} the shared limits, several Redis round trips per interaction), so
   * there are more of them than cores (16 instead of 4 took a 400-interaction burst's acknowledgement p99
   * from 2.3–2.4 s to 1.7 s with Redis and PostgreSQL; performance.md).
   */
  static final int STORE_THREADS = 16;
  /**
   * Threads that render the replies sent after a deferral, drawing their charts when not drawn yet: half
   * the cores, so that a burst of new charts leaves CPU to the acknowledgements (on 2 cores, one thread
   * took a 400-interaction burst's acknowledgement p99 from 2.5–3.3 s to 2.3–2.4 s; performance.md).
   */
  static final int RENDER_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  /** Threads that handle interactions: JDA hands each event over and goes back to reading. */
  static final int EVENT_THREADS = 8;
  /** Read without the lock by the member roster (a store thread), so never held up by {@link #close()}. */
  private volatile ShardManager manager;
  private final CountDownLatch ready;
  private volatile boolean stoppedEarly;
  /** A shard was refused at identify because the Server Members intent is not enabled in the Developer Portal. */
  private volatile boolean intentRefused;
  /** What the gateway shows of members (with member audits on), and the watch to close when the bot made its own. */
  private final Optional<MemberEvents> memberEvents;
  private final Optional<MemberWatch> ownWatch;
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
    this(options, runner, embeds, Optional.empty());
  }

  /**
   * As above, with the watch that members' joins, leaves and activity are reported to (the launcher's, over the
   * store's member log), used when {@link DiscordOptions#memberAudit()} is on.
   */
  public DiscordBot(DiscordOptions options, CommandRunner runner, DiscordEmbeds embeds, MemberWatch members) {
    this(options, runner, embeds, Optional.of(members));
  }

  private DiscordBot(DiscordOptions options, CommandRunner runner, DiscordEmbeds embeds, Optional<MemberWatch> watch) {
    this.options = options;
    this.ready = new CountDownLatch(options.lastShard() - options.firstShard() + 1);
    // Threads for the store and the answers that follow (it may touch a disk or a database, never on
    // JDA's event thread), so that one slow settings read does not hold every other server's answer.
    this.storeThread = DiscordHttp.pool("discord-store-", STORE_THREADS);
    this.events = DiscordHttp.pool("discord-event-", EVENT_THREADS);
    // A chart takes tens to hundreds of milliseconds to draw: never on the threads that acknowledge.
    this.renders = DiscordHttp.pool("discord-render-", RENDER_THREADS);
    this.listener = new InteractionListener(runner, embeds, options.ownerId(), storeThread, renders,
        options.devGuildId());
    if (options.memberAudit()) {
      this.ownWatch = watch.isPresent() ? Optional.empty() : Optional.of(new MemberWatch(new MemoryMemberLog()));
      MemberWatch members = watch.or(() -> ownWatch).orElseThrow();
      this.memberEvents = Optional.of(new MemberEvents(members, runner.service().clock()));
      runner.roster(InteractionListener.PLATFORM, new DiscordRoster(this::guild, members.log(), storeThread,
          DiscordRoster.CHUNKS_TIMEOUT));
    } else {
      this.ownWatch = Optional.empty();
      this.memberEvents = Optional.empty();
      // The command stays, and tells a moderator how the operator turns member audits on.
      runner.roster(InteractionListener.PLATFORM, requester -> java.util.concurrent.CompletableFuture.failedFuture(
          new MemberRoster.Unavailable(Text.of("discord.members.off"))));
    }
  }

  /** A server of this process's shards, once ready. */
  private Optional<net.dv8tion.jda.api.entities.Guild> guild(String id) {
    ShardManager shards = manager;
    if (shards == null || id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(shards.getGuildById(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The gateway intents asked for: none, or with member audits the members' and the guild messages'. */
  static EnumSet<GatewayIntent> intents(DiscordOptions options) {
    return options.memberAudit() ? EnumSet.of(GatewayIntent.GUILD_MEMBERS, GatewayIntent.GUILD_MESSAGES)
        : EnumSet.noneOf(GatewayIntent.class);
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
    SessionController sessions = options.gatewayUrl().<SessionController>map(url -> new GatewayAt(url,
        options.shardTotal())).orElseGet(SessionControllerAdapter::new);
    LOG.info("connecting to Discord: {}", options);
    DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(options.token(), intents(options))
        // Members are read chunk by chunk for an audit and never kept by JDA: a server of 100,000 costs no cache.
        .setMemberCachePolicy(MemberCachePolicy.NONE)
        .setShardsTotal(options.shardTotal())
        .setShards(options.firstShard(), options.lastShard())
        .setSessionController(sessions)
        .setEnableShutdownHook(false)
        // Events are handed to the bot's own pool at once: JDA's gateway read threads only read.
        .setEventPool(events, false)
        .setHttpClientBuilder(DiscordHttp.clientBuilder())
        .addEventListeners(listener, new ListenerAdapter() {
          @Override
          public void onReady(ReadyEvent event) {
            ready.countDown();
          }

          @Override
          public void onShutdown(ShutdownEvent event) {
            if (event.getCloseCode() == CloseCode.DISALLOWED_INTENTS) {
              intentRefused = true;
            }
            // A shard that stops before it is ready must not leave the launcher waiting for ever.
            if (ready.getCount() > 0) {
              stoppedEarly = true;
              ready.countDown();
            }
          }
        });
    memberEvents.ifPresent(builder::addEventListeners);
    options.restBaseUrl().ifPresent(url -> builder.setRestConfig(
        new RestConfig().setBaseUrl(url.endsWith("/") ? url : url + "/")));
    if (options.gatewayUrl().isPresent()) {
      builder.setCompression(Compression.NONE);
    }
    try {
      manager = builder.build();
    } catch (InvalidTokenException | ErrorResponseException e) {
      // The shard manager asks who the bot is first: a rejected token is a 401 there.
      if (e instanceof ErrorResponseException error && error.getResponse().code != 401) {
        close();
        throw error;
      }
      close();
      // Deliberately without the cause: nothing about the token goes further.
      throw new DiscordStartException(Messages.english().get("discord.token.rejected"), null);
    }
  }

  /**
   * Waits until every shard of this process is connected (for the launcher's startup message and tests). Throws
   * {@link DiscordStartException} with the sentence saying what to do when Discord refused the Server Members
   * intent (close code 4014).
   */
  public void awaitReady() throws InterruptedException {
    ready.await();
    if (intentRefused) {
      throw new DiscordStartException(Messages.english().get("discord.members.intent_refused"), null);
    }
    if (stoppedEarly) {
      throw new IllegalStateException("a Discord shard stopped before it was ready");
    }
  }

  /** The shards this process runs, by shard id. */
  synchronized List<JDA> shards() {
    if (manager == null) {
      return List.of();
    }
    return manager.getShards().stream().sorted(Comparator.comparingInt(j -> j.getShardInfo().getShardId())).toList();
  }

  /**
   * Waits (up to 10 s) for answers still being computed to be sent, disconnects every shard letting
   * queued requests go out, then stops. Safe to call twice.
   */
  @Override
  public synchronized void close() {
    List<JDA> shards = shards();
    if (!shards.isEmpty()) {
      try {
        listener.drain(SHUTDOWN_GRACE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (manager != null) {
      manager.shutdown();
      manager = null;
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
    storeThread.shutdownNow();
    events.shutdownNow();
    renders.shutdownNow();
    ownWatch.ifPresent(MemberWatch::close);
  }

  /**
   * The gateway at a configured URL (a proxy, or a test's fake Discord) instead of Discord's own; the
   * shard total is the configured one rather than Discord's recommendation.
   */
  private static final class GatewayAt extends SessionControllerAdapter {
    private final String url;
    private final int shardTotal;

    GatewayAt(String url, int shardTotal) {
      this.url = url;
      this.shardTotal = shardTotal;
    }

    @Override
    public String getGateway() {
      return url;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
      return new ShardedGateway(url, shardTotal);
    }
  }
}
