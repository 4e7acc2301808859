package org.influencebot.telegram;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ComparisonChart;
import java.util.function.Supplier;
import org.influencebot.core.handle.Handle;
import org.influencebot.store.Member;
import org.influencebot.store.Platform;
import org.influencebot.store.Scope;
import org.influencebot.store.ScopeSettings;
import org.influencebot.store.SettingsReplies;
import org.influencebot.store.Store;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandParseException;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.command.TextCommandParser;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.AnswerInlineQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Turns updates into core commands and replies into Telegram requests. {@link #consume} only reads
 * and dispatches: the work runs on the service's and the adapter's executors, so the polling thread
 * never waits; each update is handled inside its own try, so one bad update never stops the others.
 */
final class UpdateRouter implements LongPollingUpdateConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateRouter.class);
  static final int CALLBACK_ANSWER_LIMIT = 200;
  static final int INLINE_RESULTS_LIMIT = 50;

  private final TelegramClient client;
  private final CommandRunner runner;
  private final TelegramHtml html;
  private final PacedSender sender;
  private final ButtonData buttons;
  private final BiFunction<Summary, Messages, Optional<byte[]>> charts;
  private final ComparisonChart compareCharts;
  private final Executor work;
  private final TextCommandParser parser;
  private final String botName;
  private final TelegramOptions options;
  private final Clock clock;
  private final Store store;
  private final SettingsReplies settingsReplies;
  private final Supplier<String> debugReport;
  private final ReplyMessages replies;
  /** "Which account?" prompts sent, by chat and message id: a reply to one is the handle asked for. */
  private final com.github.benmanes.caffeine.cache.Cache<String, OwnHandle> prompts =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
          .expireAfterWrite(Duration.ofHours(1)).build();
  /** Per chat, the reply that must go out before the next one. */
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private static final Duration ORDER_WAIT = Duration.ofSeconds(30);

  UpdateRouter(TelegramClient client, CommandRunner runner, PacedSender sender,
      BiFunction<Summary, Messages, Optional<byte[]>> charts, ComparisonChart compareCharts,
      Executor work, String botName, TelegramOptions options, Clock clock, Store store, Supplier<String> debugReport) {
    this.client = client;
    this.runner = runner;
    this.html = new TelegramHtml(clock);
    this.sender = sender;
    this.buttons = new ButtonData();
    this.charts = charts;
    this.compareCharts = compareCharts;
    this.work = work;
    this.parser = new TextCommandParser(Optional.of(botName));
    this.botName = botName.toLowerCase(Locale.ROOT);
    this.options = options;
    this.clock = clock;
    this.store = store;
    this.settingsReplies = new SettingsReplies(store);
    this.debugReport = debugReport;
    this.replies = new ReplyMessages(client, html, new ReplyMessages.Charts() {
      @Override
      public Optional<byte[]> summary(Summary summary, Messages m) {
        return drawn(() -> charts.apply(summary, m), summary.handle().toString());
      }

      @Override
      public Optional<byte[]> compare(Summary first, Summary second, Messages m) {
        return drawn(() -> compareCharts.draw(first, second, m), first.handle() + " / " + second.handle());
      }
    });
  }

  @Override
  public void consume(List<Update> updates) {
    for (Update update : updates) {
      try {
        route(update);
      } catch (RuntimeException e) {
        LOG.error("could not handle update {}", update.getUpdateId(), e);
        apologize(update);
      }
    }
  }

  private void route(Update update) {
    if (update.hasMessage() && update.getMessage().hasText()) {
      onMessage(update.getMessage());
    } else if (update.hasInlineQuery()) {
      onInlineQuery(update.getInlineQuery());
    } else if (update.hasCallbackQuery()) {
      onButton(update.getCallbackQuery());
    }
  }

  /** The last resort: a polite sentence to whoever sent the update that failed. */
  private void apologize(Update update) {
    try {
      if (update.hasMessage()) {
        Message msg = update.getMessage();
        deliver(msg.getChatId(), kindOf(msg), new Reply.ErrorReply(Reply.ErrorKind.INTERNAL,
            Text.of("error.internal")), messages(msg.getFrom()));
      } else if (update.hasCallbackQuery()) {
        answerButton(update.getCallbackQuery().getId(), messages(update.getCallbackQuery().getFrom()).get("error.internal"));
      }
    } catch (RuntimeException e) {
      LOG.error("could not even apologize for update {}", update.getUpdateId(), e);
    }
  }

  // ---- messages -------------------------------------------------------------------------------

  private void onMessage(Message msg) {
    long chatId = msg.getChatId();
    SendSchedule.Kind kind = kindOf(msg);
    String typed = msg.getText().strip();
    String text = typed;
    if (kind != SendSchedule.Kind.PRIVATE && !text.startsWith("/") && answerToPrompt(msg).isEmpty()) {
      return; // group chatter that reached the bot (privacy mode off): not for us
    }
    if (text.startsWith("/") && !addressedHere(text)) {
      return; // /command@OtherBot in a group
    }
    Optional<OwnHandle> asked = answerToPrompt(msg);
    if (asked.isPresent() && !text.startsWith("/")) {
      // The answer to "Which account?": the handle for the command that asked.
      text = (asked.get().authenticity() ? "/authenticity " : "/influence ") + text
          + (asked.get().details() ? " details" : "");
    }
    // In a group the answer quotes the question, so that it is clear whom it answers.
    Integer replyTo = kind == SendSchedule.Kind.GROUP ? msg.getMessageId() : null;
    Messages fallback = messages(msg.getFrom());
    CompletableFuture<Answer> answer;
    String question = text;
    try {
      // The chat's settings are read off the polling thread; the order of replies is kept by inOrder.
      answer = CompletableFuture.supplyAsync(() -> answer(msg, question), work).thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    inOrder(chatId, kind, replyTo, fallback, answer);
  }

  /** What to answer to a message that is for this bot, in the chat's language and under its settings. */
  private CompletableFuture<Answer> answer(Message msg, String text) {
    long chatId = msg.getChatId();
    boolean inPrivate = kindOf(msg) == SendSchedule.Kind.PRIVATE;
    Scope scope = Scope.telegramChat(Long.toString(chatId));
    ScopeSettings settings = store.settings().settingsOf(scope);
    Messages m = settings.language().map(Messages::forLocale).orElseGet(() -> messages(msg.getFrom()));
    Requester requester = requester(msg.getFrom(), chatId, settings);
    if (!text.startsWith("/")) {
      // In a private chat a bare @handle or profile link means /influence.
      String[] words = text.split("\\s+");
      if (words.length != 1) {
        return done(badInput(Text.of("telegram.private.oneHandle")), m);
      }
      return run(new Command.Influence(words[0], false), settings, requester, m);
    }
    String head = headWord(text);
    if (head.equals("status") && isOwner(msg.getFrom())) {
      return done(status(m), m);
    }
    Optional<OwnHandle> mine = ownHandle(text);
    if (mine.isPresent()) {
      return onOwnHandle(msg, mine.get(), settings, requester, m);
    }
    Command command;
    try {
      Optional<Command> parsed = parser.parse(text);
      if (parsed.isEmpty()) {
        return silent(); // addressed to another bot
      }
      command = parsed.get();
    } catch (CommandParseException e) {
      if (!inPrivate && !addressedToUs(text)) {
        return silent(); // an unknown command in a group may be another bot's
      }
      return done(badInput(e.reason()), m);
    }
    if (command instanceof Command.Debug) {
      return onDebug(msg.getFrom(), m);
    }
    if (command instanceof Command.Settings c) {
      // Always answered, even where the bot is told to stay silent: moderators must be able to undo it.
      return onSettings(msg, scope, c, m);
    }
    if (!inPrivate && !settings.answersIn(Long.toString(chatId))) {
      return silent();
    }
    if (command instanceof Command.Link c) {
      if (!settings.isEnabled("link")) {
        return done(m.get("telegram.disabled", "link"), m);
      }
      return onLink(msg.getFrom(), head, c, m);
    }
    return run(command, settings, requester, m);
  }

  /** A core command, unless the chat's moderators switched it off. */
  private CompletableFuture<Answer> run(Command command, ScopeSettings settings, Requester requester, Messages m) {
    Optional<String> name = switchableName(command);
    if (name.isPresent() && !settings.isEnabled(name.get())) {
      return done(m.get("telegram.disabled", name.get()), m);
    }
    return runner.run(command, requester).thenApply(r -> (Answer) new Answer.Core(r, m));
  }

  private static Optional<String> switchableName(Command command) {
    if (command instanceof Command.Influence) {
      return Optional.of("influence");
    }
    if (command instanceof Command.Authenticity) {
      return Optional.of("authenticity");
    }
    if (command instanceof Command.Compare) {
      return Optional.of("compare");
    }
    return Optional.empty();
  }

  // ---- settings, links, debug -------------------------------------------------------------------

  private CompletableFuture<Answer> onSettings(Message msg, Scope scope, Command.Settings c, Messages m) {
    if (c.key().isEmpty()) {
      return done(settingsReplies.show(scope, m), m);
    }
    User from = msg.getFrom();
    if (from == null) {
      return done(m.get("settings.refused"), m);
    }
    String key = c.key().get();
    String value = c.value().orElse("");
    String moderator = Long.toString(from.getId());
    return isModerator(msg).thenApplyAsync(allowed -> allowed
        ? (Answer) new Answer.Plain(settingsReplies.change(scope, moderator, key, value, m), m)
        : new Answer.Plain(m.get("settings.refused"), m), work);
  }

  /**
   * Whether the sender may change this chat's settings: in a private chat the user is its own
   * moderator; in a group, its creator and administrators (asked of Telegram each time, so a demoted
   * administrator loses the right at once), and an anonymous administrator writing as the group.
   */
  private CompletableFuture<Boolean> isModerator(Message msg) {
    if (msg.isUserMessage()) {
      return CompletableFuture.completedFuture(true);
    }
    if (msg.getSenderChat() != null && msg.getSenderChat().getId().equals(msg.getChatId())) {
      return CompletableFuture.completedFuture(true);
    }
    GetChatMember ask = GetChatMember.builder().chatId(msg.getChatId()).userId(msg.getFrom().getId()).build();
    return call(() -> client.executeAsync(ask)).thenApply(member -> {
      String status = member instanceof ChatMember cm ? cm.getStatus() : "";
      return status.equals("creator") || status.equals("administrator");
    });
  }

  private CompletableFuture<Answer> onLink(User from, String head, Command.Link c, Messages m) {
    if (from == null) {
      return silent();
    }
    Member member = new Member(Platform.TELEGRAM, Long.toString(from.getId()));
    if (c.handle().isPresent()) {
      try {
        Handle handle = HandleParser.parse(c.handle().get());
        store.links().link(member, handle.toString());
        return done(m.get("link.done", shown(handle.toString())), m);
      } catch (InvalidHandleException e) {
        return done(badInput(e.reason()), m);
      }
    }
    if (head.equals("link") || head.equals("lier")) {
      // /link alone: what is linked now (the parser reads it as /unlink, which would be a surprise).
      return done(store.links().linkOf(member).map(l -> m.get("link.show", shown(l.handle())))
          .orElseGet(() -> m.get("link.none")), m);
    }
    return done(store.links().unlink(member) ? m.get("link.removed") : m.get("link.none"), m);
  }

  /**
   * {@code /influence} or {@code /authenticity} with no handle: the linked handle of the user whose
   * message this one replies to, else the asker's own.
   */
  private CompletableFuture<Answer> onOwnHandle(Message msg, OwnHandle wanted, ScopeSettings settings,
      Requester requester, Messages m) {
    boolean inPrivate = msg.isUserMessage();
    if (!inPrivate && !settings.answersIn(Long.toString(msg.getChatId()))) {
      return silent();
    }
    Message replied = msg.getReplyToMessage();
    User target = replied != null && replied.getFrom() != null && !replied.getFrom().getIsBot() ? replied.getFrom()
        : msg.getFrom();
    if (target == null) {
      return done(m.get("link.none"), m);
    }
    Optional<String> linked = store.links().linkOf(new Member(Platform.TELEGRAM, Long.toString(target.getId())))
        .map(l -> l.handle());
    if (linked.isEmpty()) {
      if (target.getId().equals(msg.getFrom().getId())) {
        // A bare /influence (the command menu sends it so): ask which account, and take the answer.
        return CompletableFuture.completedFuture(new Answer.Ask(wanted, m));
      }
      return done(m.get("link.missing", nameOf(target)), m);
    }
    Command command = wanted.authenticity()
        ? new Command.Authenticity(linked.get(), wanted.details())
        : new Command.Influence(linked.get(), wanted.details());
    return run(command, settings, requester, m);
  }

  /** {@code /influence} or {@code /authenticity} with no handle, perhaps with "details": about a linked handle. */
  private record OwnHandle(boolean authenticity, boolean details) {}

  private static Optional<OwnHandle> ownHandle(String text) {
    String head = headWord(text);
    if (!head.equals("influence") && !head.equals("authenticity") && !head.equals("authenticite")
        && !head.equals("authenticité")) {
      return Optional.empty();
    }
    String[] words = text.split("\\s+");
    boolean details = false;
    for (int i = 1; i < words.length; i++) {
      String w = words[i].toLowerCase(Locale.ROOT);
      if (w.equals("details") || w.equals("détails") || w.equals("--details")) {
        details = true;
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(new OwnHandle(!head.equals("influence"), details));
  }

  private CompletableFuture<Answer> onDebug(User from, Messages m) {
    if (!isOwner(from)) {
      return done(m.get("debug.refused"), m);
    }
    return done(debugReport.get(), m);
  }

  private static String shown(String stored) {
    return stored.contains(":") ? stored : "@" + stored;
  }

  private static String nameOf(User user) {
    return user.getUserName() != null ? "@" + user.getUserName() : user.getFirstName();
  }

  /** What the router sends for a message: a core reply, a plain sentence (escaped when sent), or nothing. */
  private sealed interface Answer {
    record Core(Reply reply, Messages m) implements Answer {}

    record Plain(String text, Messages m) implements Answer {}

    record Silent() implements Answer {}

    /** "Which account?", with a forced reply: the user's answer is the handle. */
    record Ask(OwnHandle command, Messages m) implements Answer {}

    /** A button's answer: the message it is under, edited in place. */
    record Edit(ReplyMessages.Target target, Optional<String> shownFileId, boolean isPhoto, Reply reply, Messages m)
        implements Answer {}
  }

  private static CompletableFuture<Answer> done(Reply reply, Messages m) {
    return CompletableFuture.completedFuture(new Answer.Core(reply, m));
  }

  private static CompletableFuture<Answer> done(String plain, Messages m) {
    return CompletableFuture.completedFuture(new Answer.Plain(plain, m));
  }

  private static CompletableFuture<Answer> silent() {
    return CompletableFuture.completedFuture(new Answer.Silent());
  }

  /**
   * Delivers a chat's replies in the order its messages came, even when a later lookup finishes first;
   * a reply waits at most {@link #ORDER_WAIT} for the one before it.
   */
  private void inOrder(long chatId, SendSchedule.Kind kind, Integer replyTo, Messages m,
      CompletableFuture<Answer> reply) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(chatId, mine);
    CompletableFuture<Void> turn = before == null ? CompletableFuture.completedFuture(null)
        : before.copy().completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    reply.thenCombine(turn, (r, ignored) -> r)
        .thenAcceptAsync(r -> {
          if (r instanceof Answer.Core core) {
            deliver(chatId, kind, replyTo, core.reply(), core.m());
          } else if (r instanceof Answer.Plain plain) {
            deliverHtml(chatId, kind, replyTo, plain.text().lines().map(TelegramHtml::escape).toList());
          } else if (r instanceof Answer.Ask ask) {
            askWhich(chatId, kind, replyTo, ask);
          } else if (r instanceof Answer.Edit edit) {
            InlineKeyboardMarkup markup = edit.reply() instanceof Reply.SummaryReply s ? keyboard(s, edit.m()) : null;
            if (!sender.offer(lane(chatId), kind, ReplyMessages.one(replies.edit(edit.target(), edit.shownFileId(),
                edit.isPhoto(), edit.reply(), edit.m(), markup)))) {
              LOG.warn("outgoing queue full: an edit in chat {} was not queued", chatId);
            }
          }
        }, work)
        .whenComplete((ignored, error) -> {
          if (error != null) {
            failed(chatId, kind, m, error);
          }
          mine.complete(null);
          tails.remove(chatId, mine);
        });
  }

  private void failed(long chatId, SendSchedule.Kind kind, Messages m, Throwable error) {
    Reply reply = CommandRunner.toError(error instanceof RejectedExecutionException
        || error.getCause() instanceof RejectedExecutionException
        ? new ServiceBusyException() : error);
    try {
      deliver(chatId, kind, reply, m);
    } catch (RuntimeException e) {
      LOG.error("could not send an error reply", e);
    }
  }

  private boolean addressedToUs(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return head.endsWith("@" + botName);
  }

  private static Reply badInput(Text reason) {
    return new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT, reason);
  }

  /** Sends a reply to a chat: the chart as a photo if there is one, then the text with its buttons. */
  void deliver(long chatId, SendSchedule.Kind kind, Reply reply, Messages m) {
    deliver(chatId, kind, null, reply, m);
  }

  /**
   * As above, quoting message {@code replyTo} (if not null): one message, the chart as a photo with the
   * reply as its caption, or the text alone; a summary carries its Details and Refresh buttons.
   */
  void deliver(long chatId, SendSchedule.Kind kind, Integer replyTo, Reply reply, Messages m) {
    InlineKeyboardMarkup keyboard = reply instanceof Reply.SummaryReply s ? keyboard(s, m) : null;
    if (!sender.offer(lane(chatId), kind, ReplyMessages.one(replies.send(chatId, replyTo, reply, m, keyboard)))) {
      String busy = TelegramHtml.escape(m.get("telegram.queueFull"));
      if (!sender.offerNotice(lane(chatId), kind,
          new PacedSender.Request("queue-full notice to chat " + chatId, () -> message(chatId, busy, null, replyTo)))) {
        LOG.warn("outgoing queue full: could not even tell chat {} to try again", chatId);
      }
    }
  }

  /** "Which account?" with a forced reply, remembered so that the answer is read as the handle. */
  private void askWhich(long chatId, SendSchedule.Kind kind, Integer replyTo, Answer.Ask ask) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId)
        .text(TelegramHtml.escape(ask.m().get("telegram.which"))).parseMode(ParseMode.HTML)
        .replyMarkup(ForceReplyKeyboard.builder().forceReply(true).selective(true)
            .inputFieldPlaceholder(clip(ask.m().get("telegram.which.placeholder"), 64)).build());
    if (replyTo != null) {
      b.replyParameters(quoting(replyTo));
    }
    SendMessage question = b.build();
    PacedSender.Request request = new PacedSender.Request("which-account question to chat " + chatId,
        () -> call(() -> client.executeAsync(question)).thenApply(sent -> {
          if (sent instanceof Message m) {
            prompts.put(chatId + "/" + m.getMessageId(), ask.command());
          }
          return sent;
        }));
    if (!sender.offer(lane(chatId), kind, ReplyMessages.one(request))) {
      LOG.warn("outgoing queue full: a question to chat {} was not queued", chatId);
    }
  }

  /** The command a message answers, when it replies to one of this bot's "Which account?" questions. */
  private Optional<OwnHandle> answerToPrompt(Message msg) {
    Message replied = msg.getReplyToMessage();
    if (replied == null) {
      return Optional.empty();
    }
    OwnHandle asked = prompts.getIfPresent(msg.getChatId() + "/" + replied.getMessageId());
    if (asked != null) {
      return Optional.of(asked);
    }
    // Asked before a restart, or answered before this process saw Telegram's answer: the question's words.
    boolean fromUs = replied.getFrom() != null && replied.getFrom().getUserName() != null
        && replied.getFrom().getUserName().equalsIgnoreCase(botName);
    String question = replied.getText() == null ? "" : replied.getText();
    boolean which = Messages.SUPPORTED.stream().anyMatch(l -> question.equals(Messages.forLocale(l).get("telegram.which")));
    return fromUs && which ? Optional.of(new OwnHandle(false, false)) : Optional.empty();
  }

  /** Lines of HTML, split between lines into messages of at most 4096 characters; the first quotes {@code replyTo}. */
  private void deliverHtml(long chatId, SendSchedule.Kind kind, Integer replyTo, List<String> lines) {
    List<PacedSender.Request> requests = new ArrayList<>();
    for (String text : TelegramHtml.split(lines, TelegramHtml.MESSAGE_LIMIT)) {
      Integer quote = requests.isEmpty() ? replyTo : null;
      requests.add(new PacedSender.Request("sendMessage to chat " + chatId, () -> message(chatId, text, null, quote)));
    }
    if (!sender.offer(lane(chatId), kind, requests)) {
      LOG.warn("outgoing queue full: a text reply to chat {} was not queued", chatId);
    }
  }

  /** A chart is a bonus: when it cannot be drawn, the text goes out alone. */
  private static Optional<byte[]> drawn(java.util.function.Supplier<Optional<byte[]>> draw, String of) {
    try {
      return draw.get();
    } catch (RuntimeException e) {
      LOG.warn("could not draw the chart for {}: sending the text alone", of, e);
      return Optional.empty();
    }
  }

  private InlineKeyboardMarkup keyboard(Reply.SummaryReply s, Messages m) {
    var handle = s.lookup().summary().handle();
    List<InlineKeyboardButton> row = new ArrayList<>();
    if (!s.details()) {
      row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.details"))
          .callbackData(buttons.encode(ButtonData.Action.DETAILS, s.focus(), handle)).build());
    }
    row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.refresh"))
        .callbackData(buttons.encode(ButtonData.Action.REFRESH, s.focus(), handle)).build());
    return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(row)).build();
  }

  private static ReplyParameters quoting(int messageId) {
    return ReplyParameters.builder().messageId(messageId).allowSendingWithoutReply(true).build();
  }

  private CompletableFuture<?> message(long chatId, String text, InlineKeyboardMarkup markup, Integer replyTo) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId).text(text).parseMode(ParseMode.HTML)
        .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
    if (markup != null) {
      b.replyMarkup(markup);
    }
    if (replyTo != null) {
      b.replyParameters(quoting(replyTo));
    }
    return call(() -> client.executeAsync(b.build()));
  }

  private interface ApiCall {
    CompletableFuture<?> run() throws TelegramApiException;
  }

  private static CompletableFuture<?> call(ApiCall call) {
    try {
      return call.run();
    } catch (TelegramApiException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  // ---- buttons --------------------------------------------------------------------------------

  private void onButton(CallbackQuery query) {
    Messages m = messages(query.getFrom());
    Optional<ButtonData.Press> press = buttons.decode(query.getData());
    boolean inline = query.getInlineMessageId() != null;
    if (press.isEmpty() || (query.getMessage() == null && !inline)) {
      answerButton(query.getId(), m.get("telegram.button.expired"));
      return;
    }
    // The message the button is under: edited in place (its caption, picture or text).
    Message pressed = query.getMessage() instanceof Message msg ? msg : null;
    long chatId = inline ? 0 : query.getMessage().getChatId();
    SendSchedule.Kind kind = inline ? SendSchedule.Kind.ANSWER
        : pressed != null && pressed.isUserMessage() ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
    ReplyMessages.Target target = inline ? ReplyMessages.Target.inline(query.getInlineMessageId())
        : ReplyMessages.Target.chat(chatId, query.getMessage().getMessageId());
    ButtonData.Press p = press.get();
    Requester requester = requester(query.getFrom(), inline ? query.getFrom().getId() : chatId);
    CompletableFuture<Reply> reply;
    if (p.action() == ButtonData.Action.DETAILS) {
      answerButton(query.getId(), "");
      reply = runner.service().summary(p.handle())
          .thenApply(l -> (Reply) new Reply.SummaryReply(l, p.focus(), true))
          .exceptionally(CommandRunner::toError);
    } else {
      reply = runner.refresh(p.handle(), p.focus(), requester).thenApply(r -> {
        if (r instanceof Reply.ErrorReply e) {
          answerButton(query.getId(), m.format(e.message()));
          return null;
        }
        answerButton(query.getId(), m.get("telegram.button.refreshedInPlace"));
        return r;
      });
    }
    CompletableFuture<Answer> edit = reply.thenApply(r -> {
      if (r == null) {
        return new Answer.Silent();
      }
      boolean isPhoto = pressed != null ? pressed.hasPhoto() : replies.knownChart(r, m).isPresent();
      Optional<String> shown = pressed != null && pressed.hasPhoto()
          ? pressed.getPhoto().stream().max(java.util.Comparator.comparing(
              org.telegram.telegrambots.meta.api.objects.photo.PhotoSize::getWidth)).map(ps -> ps.getFileId())
          : Optional.empty();
      return new Answer.Edit(target, shown, isPhoto, r, m);
    });
    inOrder(inline ? -query.getFrom().getId() : chatId, kind, null, m, edit);
  }

  private void answerButton(String queryId, String text) {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(queryId);
    if (!text.isEmpty()) {
      b.text(clip(text, CALLBACK_ANSWER_LIMIT)).showAlert(text.length() > 60);
    }
    AnswerCallbackQuery answer = b.build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerCallbackQuery", () -> call(() -> client.executeAsync(answer))));
  }

  // ---- inline mode ----------------------------------------------------------------------------

  private void onInlineQuery(InlineQuery query) {
    Messages m = messages(query.getFrom());
    String text = query.getQuery() == null ? "" : query.getQuery().strip();
    if (text.isEmpty() || text.split("\\s+").length != 1) {
      answerInline(query.getId(), List.of());
      return;
    }
    Handle handle;
    try {
      handle = HandleParser.parse(text);
    } catch (InvalidHandleException e) {
      answerInline(query.getId(), List.of()); // still typing
      return;
    }
    // Inline queries come letter by letter: their own, larger budget, never the user's requests.
    java.util.OptionalLong wait = runner.limits().tryInline("telegram:" + query.getFrom().getId());
    if (wait.isPresent()) {
      answerInline(query.getId(), List.of(article(new Reply.ErrorReply(Reply.ErrorKind.RATE_LIMITED,
          Text.of("error.rateLimited", wait.getAsLong())), m)));
      return;
    }
    // From the cache when the summary is there (most inline queries), else computed once and cached.
    CompletableFuture<Reply> reply = runner.service().cachedNow(handle)
        .map(l -> CompletableFuture.completedFuture((Reply) new Reply.SummaryReply(l, Reply.Focus.INFLUENCE, false)))
        .orElseGet(() -> runner.service().summary(handle)
            .thenApply(l -> (Reply) new Reply.SummaryReply(l, Reply.Focus.INFLUENCE, false))
            .exceptionally(CommandRunner::toError));
    reply.thenAcceptAsync(r -> answerInline(query.getId(), List.of(result(r, m))), work)
        .exceptionally(error -> {
          LOG.error("could not answer an inline query", error);
          answerInline(query.getId(), List.of(article(CommandRunner.toError(error), m)));
          return null;
        });
  }

  /**
   * The inline result for a reply: its chart as a cached photo (the picture is the thumbnail, the
   * summary its caption) when Telegram holds the chart already, else an article; a summary carries its
   * buttons either way.
   */
  private InlineQueryResult result(Reply reply, Messages m) {
    if (reply instanceof Reply.SummaryReply s) {
      Optional<String> photo = replies.knownChart(reply, m);
      if (photo.isPresent()) {
        SummaryView v = SummaryView.of(s.lookup(), m, clock);
        InlineQueryResultCachedPhoto cached = InlineQueryResultCachedPhoto.builder()
            .id("p" + Integer.toHexString(s.lookup().summary().handle().key().hashCode()))
            .photoFileId(photo.get()).title(clip(v.title(), 256)).description(clip(v.headline(), 512))
            .caption(html.caption(reply, m)).parseMode(ParseMode.HTML).replyMarkup(keyboard(s, m)).build();
        cached.setCaptionEntities(null);
        return cached;
      }
    }
    return article(reply, m);
  }

  private InlineQueryResultArticle article(Reply reply, Messages m) {
    String body = html.renderOne(reply, m, TelegramHtml.MESSAGE_LIMIT);
    String title;
    String description;
    String id;
    InlineKeyboardMarkup markup = null;
    if (reply instanceof Reply.SummaryReply s) {
      SummaryView v = SummaryView.of(s.lookup(), m, clock);
      title = v.title();
      description = v.headline();
      id = "s" + Integer.toHexString(s.lookup().summary().handle().key().hashCode());
      markup = keyboard(s, m);
    } else {
      title = m.get("telegram.inline.error");
      description = m.format(((Reply.ErrorReply) reply).message());
      id = "error";
    }
    return InlineQueryResultArticle.builder().id(id).title(clip(title, 256)).description(clip(description, 512))
        .inputMessageContent(InputTextMessageContent.builder().messageText(body).parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build())
        .replyMarkup(markup).build();
  }

  private void answerInline(String queryId, List<InlineQueryResult> results) {
    AnswerInlineQuery answer = AnswerInlineQuery.builder().inlineQueryId(queryId)
        .results(results.subList(0, Math.min(results.size(), INLINE_RESULTS_LIMIT)))
        .cacheTime(60).isPersonal(true).build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerInlineQuery", () -> call(() -> client.executeAsync(answer))));
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The command word without its slash and without {@code @BotName}, in lower case. */
  private static String headWord(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    head = head.startsWith("/") ? head.substring(1) : head;
    int at = head.indexOf('@');
    return at >= 0 ? head.substring(0, at) : head;
  }

  /** False for {@code /command@OtherBot}. */
  private boolean addressedHere(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    int at = head.indexOf('@');
    return at < 0 || head.substring(at + 1).equals(botName);
  }

  private boolean isOwner(User user) {
    return user != null && options.owner().isPresent() && options.owner().getAsLong() == user.getId();
  }

  private String status(Messages m) {
    return m.get("telegram.status", sender.pending(), sender.sent(), sender.waited429(), sender.failed(), sender.refused());
  }

  private static SendSchedule.Kind kindOf(Message msg) {
    return msg.isUserMessage() ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
  }

  private static String lane(long chatId) {
    return "chat:" + chatId;
  }

  private static Requester requester(User from, long chatId) {
    String user = from == null ? "telegram:chat" + chatId : "telegram:" + from.getId();
    return new Requester(user, "telegram:" + chatId);
  }

  private static Requester requester(User from, long chatId, ScopeSettings settings) {
    Requester r = requester(from, chatId);
    return new Requester(r.user(), r.scope(), Optional.of(settings.defaultNetwork()));
  }

  private static Messages messages(User from) {
    return Messages.forTag(from == null ? null : from.getLanguageCode());
  }

  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
