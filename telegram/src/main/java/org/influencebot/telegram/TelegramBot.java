package org.influencebot.telegram;

import java.time.Clock;
import java.util.function.LongSupplier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.chart.ComparisonChart;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.limit.Buckets;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberWatch;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetWebhookInfo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.WebhookInfo;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeAllChatAdministrators;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Telegram bot: long polling with TelegramBots, answering in private chats, groups and inline
 * mode. The launcher builds it, calls {@link #start()} and later {@link #close()}; {@link #stopped()}
 * completes when the bot stops by itself (exceptionally, with a {@link TelegramStartException}, when
 * another instance polls with the same token).
 */
public final class TelegramBot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);
  /**
   * The updates asked of Telegram, for polling and for the webhook. Telegram sends {@code chat_member} (members
   * joining and leaving, to administrators only) only when it is asked for by name.
   */
  static final List<String> ALLOWED_UPDATES = List.of("message", "inline_query", "callback_query", "chat_member",
      "my_chat_member");

  private final TelegramOptions options;
  private final CommandRunner runner;
  private final Clock clock;
  private final ChartCache charts;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Messages operator = Messages.english();

  private OkHttpClient http;
  private volatile PacedSender sender;
  private ThreadPoolExecutor work;
  private ScheduledExecutorService poller;
  private TelegramBotsLongPollingApplication polling;
  private String username;
  private Optional<WebhookOptions> webhook = Optional.empty();
  private Optional<Buckets> sharedLimits = Optional.empty();
  /** The monotonic time that paces sending (Telegram's limits, a 429's retry_after) and refusal warnings. */
  private LongSupplier nanoTime = System::nanoTime;
  private WebhookServer webhookServer;
  private OkHttpTelegramClient client;
  private Optional<MemberWatch> memberWatch = Optional.empty();
  private BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart = (r, m) -> Optional.empty();
  private ThreadPoolExecutor memberReads;
  private Duration photoInterval = PhotoBudget.STANDARD;

  /**
   * @param options token, Bot API address, webhook policy, owner, queue size and pacing
   * @param runner the shared command runner (service, cache, limits, and the store of chats' settings
   *     and members' links)
   * @param clock for the age of summaries
   * @param charts draws a summary's chart in the asking user's language as PNG bytes, or empty (for
   *     example {@code org.influencebot.core.chart.Charts::summaryChart}); sent as a photo when present
   */
  public TelegramBot(TelegramOptions options, CommandRunner runner, Clock clock,
      BiFunction<Summary, Messages, Optional<byte[]>> charts) {
    this(options, runner, clock, charts, ComparisonChart.none());
  }

  /** As above, with the side-by-side chart sent as a photo before a {@code /compare} reply. */
  public TelegramBot(TelegramOptions options, CommandRunner runner, Clock clock,
      BiFunction<Summary, Messages, Optional<byte[]>> charts, ComparisonChart compareCharts) {
    this(options, runner, clock, new ChartCache(charts, compareCharts));
  }

  /** @param charts the charts, drawn once and kept for every platform */
  public TelegramBot(TelegramOptions options, CommandRunner runner, Clock clock, ChartCache charts) {
    this.options = Objects.requireNonNull(options, "options");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.charts = Objects.requireNonNull(charts, "charts");
  }

  /**
   * Webhook mode instead of long polling (call before {@link #start()}): updates arrive through
   * {@code options.publicUrl()}, so several replicas behind a reverse proxy share them.
   */
  public synchronized void useWebhook(WebhookOptions options) {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    this.webhook = Optional.of(options);
  }

  /**
   * Member audits (call before {@link #start()}): joins, leaves and activity seen in groups where the bot is an
   * administrator go to {@code watch}, and {@code /members} audits them; {@code joinsChart} draws the audit's
   * joins over time (for example {@code org.influencebot.core.chart.Charts::joinsChart}), sent as a photo when
   * present. Without this, {@code /members} says member audits are not available.
   */
  public synchronized void watchMembers(MemberWatch watch,
      BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart) {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    this.memberWatch = Optional.of(Objects.requireNonNull(watch, "watch"));
    this.joinsChart = Objects.requireNonNull(joinsChart, "joinsChart");
  }

  /** As above, without a chart. */
  public synchronized void watchMembers(MemberWatch watch) {
    watchMembers(watch, (r, m) -> Optional.empty());
  }

  /**
   * Keeps Telegram's sending limits (30 a second for the bot, one a second per chat, 20 a minute per
   * group) in {@code buckets} shared by every process sending for this token (call before
   * {@link #start()}); without it each process paces only itself.
   */
  public synchronized void shareLimits(Buckets buckets) {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    this.sharedLimits = Optional.of(buckets);
  }

  /**
   * The time, in nanoseconds, that paces what the bot sends (call before {@link #start()}): tests move
   * it by hand instead of waiting for real seconds to pass.
   */
  synchronized void useNanoTime(LongSupplier nanoTime) {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * How often a new member's profile photo may be asked of Telegram (call before {@link #start()}): tests open it
   * wide (zero) or shut it (an hour); {@link PhotoBudget#STANDARD} otherwise.
   */
  synchronized void usePhotoInterval(Duration interval) {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    this.photoInterval = Objects.requireNonNull(interval, "interval");
  }

  /** Lets the sender look at the time again now (after a test moved it), instead of at its next check. */
  void wakeSender() {
    PacedSender s = sender;
    if (s != null) {
      s.wake();
    }
  }

  /** The sender, once started (for tests). */
  PacedSender sender() {
    return sender;
  }

  /** Where the webhook server listens, in webhook mode once started. */
  public Optional<java.net.InetSocketAddress> webhookAddress() {
    return Optional.ofNullable(webhookServer).map(WebhookServer::address);
  }

  /**
   * Checks the token, reports (and if configured removes) a webhook, sets the command menu in English
   * and French, and starts polling. Throws {@link TelegramStartException} with a sentence for the
   * operator when the bot cannot run.
   */
  public synchronized void start() {
    if (http != null) {
      throw new IllegalStateException("already started");
    }
    http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(75)) // getUpdates holds for up to 50 s
        .writeTimeout(Duration.ofSeconds(30))
        .dispatcher(dispatcher())
        .build();
    TelegramUrl url = new TelegramUrl(options.apiScheme(), options.apiHost(), options.apiPort(), false);
    client = new OkHttpTelegramClient(http, options.token(), url);
    try {
      User me = checkToken(client);
      username = me.getUserName();
      if (webhook.isEmpty()) {
        checkWebhook(client);
      }
      setCommands(client);
      sender = new PacedSender(options, nanoTime,
          sharedLimits.map(b -> new SharedPacing(b, options.botId(), options.pacing())));
      sender.start();
      AtomicInteger threads = new AtomicInteger();
      work = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(options.queueSize()), r -> {
        Thread t = new Thread(r, "telegram-work-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      Optional<MemberEvents> members = memberWatch.map(w -> new MemberEvents(client, w,
          new PhotoBudget(nanoTime, photoInterval)));
      if (members.isPresent()) {
        memberReads = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(8), r -> {
          Thread t = new Thread(r, "telegram-member-reads");
          t.setDaemon(true);
          return t;
        });
        memberReads.allowCoreThreadTimeOut(true);
        runner.roster(ChatPermissions.PLATFORM,
            new TelegramRoster(client, members.get(), me.getId(), clock, memberReads));
      }
      UpdateRouter router = new UpdateRouter(client, runner, sender, charts, work, username, options, clock, members,
          joinsChart);
      if (webhook.isPresent()) {
        startWebhook(webhook.get(), router);
        return;
      }
      OkHttpClient pollingHttp = http.newBuilder()
          .addInterceptor(new ConflictWatch(options.conflictsBeforeStop(),
              () -> stopBecause(operator.get("telegram.operator.conflict", options.conflictsBeforeStop())),
              () -> stopBecause(operator.get("telegram.operator.badToken"))))
          .build();
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telegram-poller");
        t.setDaemon(true);
        return t;
      });
      polling = new TelegramBotsLongPollingApplication(com.fasterxml.jackson.databind.ObjectMapper::new,
          () -> pollingHttp, () -> poller);
      polling.registerBot(options.token(), () -> url, new DefaultGetUpdatesGenerator(ALLOWED_UPDATES), router);
      LOG.info(operator.get("telegram.operator.started", username, options.apiAddress()));
    } catch (TelegramStartException e) {
      close();
      throw e;
    } catch (TelegramApiException | RuntimeException e) {
      close();
      throw new TelegramStartException(operator.get("telegram.operator.unreachable", options.apiAddress(),
          options.redact(e.getClass().getSimpleName() + ": " + e.getMessage())));
    }
  }

  /** Listens for Telegram's posts, then tells Telegram where to send them (with the secret to show). */
  private void startWebhook(WebhookOptions hook, UpdateRouter router) throws TelegramApiException {
    try {
      webhookServer = WebhookServer.start(hook, router, options.queueSize(), nanoTime, operator);
    } catch (java.io.IOException e) {
      throw new TelegramStartException(operator.get("telegram.operator.webhookListen", hook.listen(),
          e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
    client.execute(SetWebhook.builder().url(hook.publicUrl().toString()).secretToken(hook.secretToken())
        .allowedUpdates(ALLOWED_UPDATES).build());
    LOG.info(operator.get("telegram.operator.webhookStarted", username, hook.publicUrl(), webhookServer.address()));
  }

  private static Dispatcher dispatcher() {
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(128);
    d.setMaxRequestsPerHost(64); // the long poll holds one; replies to many chats go in parallel
    return d;
  }

  private User checkToken(OkHttpTelegramClient client) throws TelegramApiException {
    try {
      return client.executeAsync(new GetMe()).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TelegramApiRequestException api && api.getErrorCode() != null
          && (api.getErrorCode() == 401 || api.getErrorCode() == 404)) {
        throw new TelegramStartException(operator.get("telegram.operator.badToken"));
      }
      throw new TelegramApiException(options.redact(String.valueOf(e.getCause())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TelegramApiException("interrupted");
    } catch (TimeoutException e) {
      throw new TelegramApiException("no answer to getMe in 30 s");
    }
  }

  private void checkWebhook(OkHttpTelegramClient client) throws TelegramApiException {
    WebhookInfo info = client.execute(new GetWebhookInfo());
    String hook = info == null || info.getUrl() == null ? "" : info.getUrl();
    if (hook.isEmpty()) {
      return;
    }
    String shown = options.redact(hook);
    if (!options.removeWebhook()) {
      // TelegramBots deletes any webhook when polling starts: refuse rather than remove it silently.
      throw new TelegramStartException(operator.get("telegram.operator.webhookSet", shown));
    }
    LOG.warn(operator.get("telegram.operator.webhookRemoved", shown));
  }

  /**
   * The command menu in each language: {@code /members} only in groups' administrators' menu (and only when
   * member audits run), the rest for everyone. Both scopes are set at every start, since Telegram keeps them.
   */
  private void setCommands(OkHttpTelegramClient client) throws TelegramApiException {
    for (Messages m : Messages.SUPPORTED.stream().map(Messages::forLocale).toList()) {
      // The core's one list of commands, with /unlink beside /link.
      List<BotCommand> everyone = new java.util.ArrayList<>();
      List<BotCommand> administrators = new java.util.ArrayList<>();
      for (Command.Name name : Command.Name.values()) {
        BotCommand command = new BotCommand(name.word(), m.get("telegram.menu." + name.word()));
        if (name != Command.Name.MEMBERS) {
          everyone.add(command);
          administrators.add(command);
        } else if (memberWatch.isPresent()) {
          administrators.add(command);
        }
        if (name == Command.Name.LINK) {
          BotCommand unlink = new BotCommand("unlink", m.get("telegram.menu.unlink"));
          everyone.add(unlink);
          administrators.add(unlink);
        }
      }
      String language = m.locale().getLanguage().equals("en") ? null : m.locale().getLanguage();
      SetMyCommands.SetMyCommandsBuilder<?, ?> b = SetMyCommands.builder().commands(everyone);
      SetMyCommands.SetMyCommandsBuilder<?, ?> admins = SetMyCommands.builder().commands(administrators)
          .scope(BotCommandScopeAllChatAdministrators.builder().build());
      if (language != null) {
        b.languageCode(language);
        admins.languageCode(language);
      }
      client.execute(b.build());
      client.execute(admins.build());
    }
  }

  private void stopBecause(String sentence) {
    LOG.error(sentence);
    Thread t = new Thread(() -> {
      stopped.completeExceptionally(new TelegramStartException(sentence));
      close();
    }, "telegram-stop");
    t.setDaemon(true);
    t.start();
  }

  /** The bot's username as Telegram knows it, once started. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The outgoing queue in one line, for the owner's {@code /debug} (the core's report, like every command). */
  public String outgoingStatus() {
    PacedSender s = sender;
    if (s == null) {
      return "telegram: not started";
    }
    return "telegram outgoing queue: " + s.pending() + " waiting; " + s.sent() + " sent, " + s.waited429()
        + " waits after 429, " + s.failed() + " refused by Telegram, " + s.refused() + " turned away (queue full)"
        + (s.sharesLimits() ? "; limits shared with the other processes, " + s.sharedWaits() + " waits for them" : "");
  }

  /** Completes when the bot has stopped: normally after {@link #close()}, exceptionally on a conflict. */
  public CompletableFuture<Void> stopped() {
    return stopped;
  }

  /** Stops polling, sends what is queued (a few seconds at most) and releases threads and connections. */
  @Override
  public synchronized void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (polling != null) {
        polling.close();
      }
    } catch (Exception e) {
      LOG.warn("stopping the poller: {}", options.redact(String.valueOf(e.getMessage())));
    }
    if (webhookServer != null) {
      if (webhook.get().deleteOnStop()) {
        try {
          client.execute(DeleteWebhook.builder().build());
        } catch (TelegramApiException | RuntimeException e) {
          LOG.warn("removing the webhook: {}", options.redact(String.valueOf(e.getMessage())));
        }
      }
      webhookServer.close();
    }
    if (poller != null) {
      poller.shutdownNow();
    }
    if (work != null) {
      work.shutdown();
      try {
        work.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (memberReads != null) {
      memberReads.shutdownNow();
    }
    if (sender != null) {
      sender.close(Duration.ofSeconds(5));
    }
    if (http != null) {
      http.dispatcher().executorService().shutdownNow();
      http.connectionPool().evictAll();
    }
    stopped.complete(null);
  }
}
