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
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.handle.Handle;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMember;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.command.Button;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.Permissions;
import org.influencebot.core.command.CommandParseException;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.command.TextCommandParser;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.text.Clip;
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
  /** Telegram's limit on a button's callback data, in bytes. */
  static final int CALLBACK_DATA = 64;
  static final String PLATFORM = "telegram";

  private final TelegramClient client;
  private final CommandRunner runner;
  private final TelegramHtml html;
  private final PacedSender sender;
  private final ChartCache charts;
  private final Executor work;
  private final TextCommandParser parser;
  private final String botName;
  private final TelegramOptions options;
  private final Clock clock;
  /** Per chat, the reply that must go out before the next one. */
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private static final Duration ORDER_WAIT = Duration.ofSeconds(30);

  UpdateRouter(TelegramClient client, CommandRunner runner, PacedSender sender, ChartCache charts, Executor work,
      String botName, TelegramOptions options, Clock clock) {
    this.client = client;
    this.runner = runner;
    this.html = new TelegramHtml(clock);
    this.sender = sender;
    this.charts = charts;
    this.work = work;
    this.parser = new TextCommandParser(Optional.of(botName));
    this.botName = botName.toLowerCase(Locale.ROOT);
    this.options = options;
    this.clock = clock;
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
    String text = msg.getText().strip();
    if (kind != SendSchedule.Kind.PRIVATE && !text.startsWith("/")) {
      return; // group chatter that reached the bot (privacy mode off): not for us
    }
    if (text.startsWith("/") && !addressedHere(text)) {
      return; // /command@OtherBot in a group
    }
    // In a group the answer quotes the question, so that it is clear whom it answers.
    Integer replyTo = kind == SendSchedule.Kind.GROUP ? msg.getMessageId() : null;
    Messages fallback = messages(msg.getFrom());
    CompletableFuture<Answer> answer;
    try {
      // The chat's settings are read off the polling thread; the order of replies is kept by inOrder.
      answer = CompletableFuture.supplyAsync(() -> answer(msg, text), work).thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    inOrder(chatId, Optional.ofNullable(msg.getFrom()).map(User::getId), kind, replyTo, fallback, answer);
  }

  /** What to answer to a message that is for this bot: the core's answer, in the chat's language. */
  private CompletableFuture<Answer> answer(Message msg, String text) {
    Messages own = messages(msg.getFrom());
    if (text.startsWith("/") && headWord(text).equals("status") && isOwner(msg.getFrom())) {
      return CompletableFuture.completedFuture(new Answer.Plain(status(own), own));
    }
    Optional<Command> command = command(msg, text);
    if (command.isEmpty()) {
      return silent();
    }
    org.influencebot.core.command.Answer answer = runner.answer(command.get(), requester(msg));
    Messages m = answer.messages(own);
    return answer.reply().thenApply(r -> new Answer.Core(r, m, answer.privately()));
  }

  /** The message as a core command; empty when it is not for this bot. */
  private Optional<Command> command(Message msg, String text) {
    boolean inPrivate = kindOf(msg) == SendSchedule.Kind.PRIVATE;
    if (!text.startsWith("/")) {
      // In a private chat a bare @handle or profile link means /influence.
      String[] words = text.split("\\s+");
      return Optional.of(words.length != 1 ? new Command.Invalid(Text.of("telegram.private.oneHandle"))
          : new Command.Influence(words[0], false));
    }
    Optional<OwnHandle> mine = ownHandle(text);
    if (mine.isPresent()) {
      // About a member: the one whose message this one answers, else the asker.
      Message replied = msg.getReplyToMessage();
      User target = replied != null && replied.getFrom() != null && !replied.getFrom().getIsBot()
          && (msg.getFrom() == null || !replied.getFrom().getId().equals(msg.getFrom().getId())) ? replied.getFrom() : null;
      return Optional.of(new Command.Linked(mine.get().authenticity() ? Reply.Focus.AUTHENTICITY : Reply.Focus.INFLUENCE,
          mine.get().details(), Optional.ofNullable(target)
              .map(t -> new Command.Person(Long.toString(t.getId()), nameOf(t)))));
    }
    try {
      return parser.parse(text); // empty when addressed to another bot
    } catch (CommandParseException e) {
      if (!inPrivate && !addressedToUs(text)) {
        return Optional.empty(); // an unknown command in a group may be another bot's
      }
      return Optional.of(new Command.Invalid(e.reason()));
    }
  }

  /** Who sent a message, where, and what Telegram lets them do there. */
  private Requester requester(Message msg) {
    long chatId = msg.getChatId();
    User from = msg.getFrom();
    // An anonymous administrator writes as the group itself.
    boolean asTheGroup = msg.getSenderChat() != null && msg.getSenderChat().getId().equals(chatId);
    String user = from == null ? "chat" + chatId : Long.toString(from.getId());
    return new Requester(PLATFORM, user, Optional.of(Long.toString(chatId)), Long.toString(chatId),
        msg.isUserMessage(), permissions(chatId, from, msg.isUserMessage() || asTheGroup));
  }

  /**
   * What the sender may do: in a private chat the user is its own moderator; in a group, its creator
   * and administrators (asked of Telegram when it matters, so a demoted administrator loses the right
   * at once), and an anonymous administrator writing as the group.
   */
  private Permissions permissions(long chatId, User from, boolean moderatorAlready) {
    boolean owner = isOwner(from);
    return new Permissions() {
      @Override
      public CompletableFuture<Boolean> moderator() {
        if (moderatorAlready) {
          return CompletableFuture.completedFuture(true);
        }
        if (from == null) {
          return CompletableFuture.completedFuture(false);
        }
        GetChatMember ask = GetChatMember.builder().chatId(chatId).userId(from.getId()).build();
        return call(() -> client.executeAsync(ask)).thenApply(member -> {
          String status = member instanceof ChatMember cm ? cm.getStatus() : "";
          return status.equals("creator") || status.equals("administrator");
        });
      }

      @Override
      public boolean owner() {
        return owner;
      }
    };
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

  private static String nameOf(User user) {
    return user.getUserName() != null ? "@" + user.getUserName() : user.getFirstName();
  }

  /** What the router sends for a message: a core reply, a plain sentence (escaped when sent), or nothing. */
  private sealed interface Answer {
    /** The core's reply; {@code privately} sends it to the asker's private chat with the bot. */
    record Core(Reply reply, Messages m, boolean privately) implements Answer {}

    record Plain(String text, Messages m) implements Answer {}

    record Silent() implements Answer {}
  }

  private static CompletableFuture<Answer> silent() {
    return CompletableFuture.completedFuture(new Answer.Silent());
  }

  /**
   * Delivers a chat's replies in the order its messages came, even when a later lookup finishes first;
   * a reply waits at most {@link #ORDER_WAIT} for the one before it.
   */
  private void inOrder(long chatId, Optional<Long> userId, SendSchedule.Kind kind, Integer replyTo, Messages m,
      CompletableFuture<Answer> reply) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(chatId, mine);
    CompletableFuture<Void> turn = before == null ? CompletableFuture.completedFuture(null)
        : before.copy().completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    reply.thenCombine(turn, (r, ignored) -> r)
        .thenAcceptAsync(r -> {
          if (r instanceof Answer.Core core && core.privately() && userId.isPresent()) {
            // The chat's moderators want lookups answered in private: to the asker's chat with the bot.
            deliver(userId.get(), SendSchedule.Kind.PRIVATE, null, core.reply(), core.m());
          } else if (r instanceof Answer.Core core) {
            deliver(chatId, kind, replyTo, core.reply(), core.m());
          } else if (r instanceof Answer.Plain plain) {
            deliverHtml(chatId, kind, replyTo, plain.text().lines().map(TelegramHtml::escape).toList());
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

  /** Sends a reply to a chat: the chart as a photo if there is one, then the text with its buttons. */
  void deliver(long chatId, SendSchedule.Kind kind, Reply reply, Messages m) {
    deliver(chatId, kind, null, reply, m);
  }

  /** As above, quoting message {@code replyTo} (if not null) with the first message sent. */
  void deliver(long chatId, SendSchedule.Kind kind, Integer replyTo, Reply reply, Messages m) {
    List<String> texts = html.render(reply, m);
    if (texts.isEmpty()) {
      return; // nothing to say here (the moderators keep the bot silent in this chat)
    }
    List<PacedSender.Request> requests = new ArrayList<>();
    InlineKeyboardMarkup keyboard = null;
    if (reply instanceof Reply.SummaryReply s) {
      Summary summary = s.lookup().summary();
      Optional<byte[]> chart = charts.summary(summary, m);
      if (chart.isPresent()) {
        byte[] png = chart.get();
        String caption = html.caption(SummaryView.of(s.lookup(), m, clock));
        requests.add(new PacedSender.Request("sendPhoto to chat " + chatId, () -> photo(chatId, png, caption, replyTo)));
      }
      keyboard = keyboard(s, m);
    } else if (reply instanceof Reply.CompareReply c) {
      Optional<byte[]> chart = charts.compare(c.first().summary(), c.second().summary(), m);
      String caption = TelegramHtml.escape(c.first().summary().handle().display() + " · "
          + c.second().summary().handle().display());
      chart.ifPresent(png -> requests.add(new PacedSender.Request("sendPhoto to chat " + chatId,
          () -> photo(chatId, png, caption, replyTo))));
    }
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      InlineKeyboardMarkup markup = i == texts.size() - 1 ? keyboard : null;
      Integer quote = requests.isEmpty() ? replyTo : null;
      requests.add(new PacedSender.Request("sendMessage to chat " + chatId, () -> message(chatId, text, markup, quote)));
    }
    if (!sender.offer(lane(chatId), kind, requests)) {
      String busy = TelegramHtml.escape(m.get("telegram.queueFull"));
      if (!sender.offerNotice(lane(chatId), kind,
          new PacedSender.Request("queue-full notice to chat " + chatId, () -> message(chatId, busy, null, replyTo)))) {
        LOG.warn("outgoing queue full: could not even tell chat {} to try again", chatId);
      }
    }
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

  private InlineKeyboardMarkup keyboard(Reply.SummaryReply s, Messages m) {
    var handle = s.lookup().summary().handle();
    List<InlineKeyboardButton> row = new ArrayList<>();
    if (!s.details()) {
      row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.details"))
          .callbackData(runner.buttons().encode(new Button(Button.Action.DETAILS, s.focus(), handle), CALLBACK_DATA)).build());
    }
    row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.refresh"))
        .callbackData(runner.buttons().encode(new Button(Button.Action.REFRESH, s.focus(), handle), CALLBACK_DATA)).build());
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

  private CompletableFuture<?> photo(long chatId, byte[] png, String caption, Integer replyTo) {
    // A fresh stream each time: a 429 means the same photo is sent again.
    SendPhoto photo = SendPhoto.builder().chatId(chatId)
        .photo(new InputFile(new ByteArrayInputStream(png), "chart.png"))
        .caption(caption).parseMode(ParseMode.HTML).build();
    photo.setCaptionEntities(null);
    if (replyTo != null) {
      photo.setReplyParameters(quoting(replyTo));
    } // an empty list would be sent, and entities are read instead of parse_mode
    return client.executeAsync(photo);
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
    Messages own = messages(query.getFrom());
    Optional<Button> button = runner.buttons().decode(query.getData());
    if (button.isEmpty() || query.getMessage() == null) {
      answerButton(query.getId(), own.get("telegram.button.expired"));
      return;
    }
    long chatId = query.getMessage().getChatId();
    boolean inPrivate = query.getMessage().isUserMessage();
    SendSchedule.Kind kind = inPrivate ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
    User from = query.getFrom();
    Requester requester = new Requester(PLATFORM, Long.toString(from.getId()), Optional.of(Long.toString(chatId)),
        Long.toString(chatId), inPrivate, permissions(chatId, from, inPrivate));
    boolean refresh = button.get().action() == Button.Action.REFRESH;
    CompletableFuture<Answer> answer;
    try {
      // The core may read the chat's settings: off the polling thread.
      answer = CompletableFuture.supplyAsync(() -> runner.answer(new Command.Press(button.get()), requester), work)
          .thenCompose(a -> {
            Messages m = a.messages(own);
            return a.reply().thenApply(r -> {
              // A refusal (too fast, switched off) is said on the button, not posted in the chat.
              if (r instanceof Reply.ErrorReply e) {
                answerButton(query.getId(), m.format(e.message()));
                return (Answer) new Answer.Silent();
              }
              answerButton(query.getId(), refresh ? m.get("telegram.button.refreshed") : "");
              return new Answer.Core(r, m, a.privately());
            });
          });
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    inOrder(chatId, Optional.of(from.getId()), kind, null, own, answer);
  }

  private void answerButton(String queryId, String text) {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(queryId);
    if (!text.isEmpty()) {
      b.text(Clip.clip(text, CALLBACK_ANSWER_LIMIT)).showAlert(text.length() > 60);
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
    try {
      HandleParser.parse(text);
    } catch (InvalidHandleException e) {
      answerInline(query.getId(), List.of()); // still typing
      return;
    }
    // Inline answers belong to no chat: no chat settings, and the member's own limits.
    Requester requester = new Requester(PLATFORM, Long.toString(query.getFrom().getId()), Optional.empty(), "inline",
        false, Permissions.member());
    runner.run(new Command.Influence(text, false), requester)
        .thenAcceptAsync(reply -> answerInline(query.getId(), List.of(article(reply, m))), work)
        .exceptionally(error -> {
          LOG.error("could not answer an inline query", error);
          answerInline(query.getId(), List.of(article(CommandRunner.toError(error), m)));
          return null;
        });
  }

  private InlineQueryResultArticle article(Reply reply, Messages m) {
    String body = html.renderOne(reply, m, TelegramHtml.MESSAGE_LIMIT);
    String title;
    String description;
    String id;
    if (reply instanceof Reply.SummaryReply s) {
      SummaryView v = SummaryView.of(s.lookup(), m, clock);
      title = v.title();
      description = v.headline();
      id = "s" + Integer.toHexString(s.lookup().summary().handle().key().hashCode());
    } else {
      title = m.get("telegram.inline.error");
      description = new PlainTextRenderer(clock).render(reply, m);
      id = "error";
    }
    return InlineQueryResultArticle.builder().id(id).title(Clip.clip(title, 256)).description(Clip.clip(description, 512))
        .inputMessageContent(InputTextMessageContent.builder().messageText(body).parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build())
        .build();
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

  private static Messages messages(User from) {
    return Messages.forTag(from == null ? null : from.getLanguageCode()).dialect(PLATFORM);
  }
}
