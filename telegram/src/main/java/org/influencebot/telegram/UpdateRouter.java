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
  private final Executor work;
  private final TextCommandParser parser;
  private final String botName;
  private final TelegramOptions options;
  private final Clock clock;
  /** Per chat, the reply that must go out before the next one. */
  private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private static final Duration ORDER_WAIT = Duration.ofSeconds(30);

  UpdateRouter(TelegramClient client, CommandRunner runner, PacedSender sender,
      BiFunction<Summary, Messages, Optional<byte[]>> charts,
      Executor work, String botName, TelegramOptions options, Clock clock) {
    this.client = client;
    this.runner = runner;
    this.html = new TelegramHtml(clock);
    this.sender = sender;
    this.buttons = new ButtonData();
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
    Messages m = messages(msg.getFrom());
    long chatId = msg.getChatId();
    SendSchedule.Kind kind = kindOf(msg);
    String text = msg.getText().strip();
    Requester requester = requester(msg.getFrom(), chatId);
    // In a group the answer quotes the question, so that it is clear whom it answers.
    Integer replyTo = kind == SendSchedule.Kind.GROUP ? msg.getMessageId() : null;
    Command command;
    if (kind == SendSchedule.Kind.PRIVATE && !text.startsWith("/")) {
      // In a private chat a bare @handle or profile link means /influence.
      String[] words = text.split("\\s+");
      if (words.length != 1) {
        deliver(chatId, kind, badInput(Text.of("telegram.private.oneHandle")), m);
        return;
      }
      command = new Command.Influence(words[0], false);
    } else if (!text.startsWith("/")) {
      return; // group chatter that reached the bot (privacy mode off): not for us
    } else {
      if (isStatus(text) && isOwner(msg.getFrom())) {
        deliverHtml(chatId, kind, List.of(TelegramHtml.escape(status(m))), m);
        return;
      }
      try {
        Optional<Command> parsed = parser.parse(text);
        if (parsed.isEmpty()) {
          return; // addressed to another bot
        }
        command = parsed.get();
      } catch (CommandParseException e) {
        if (kind != SendSchedule.Kind.PRIVATE && !addressedToUs(text)) {
          return; // an unknown command in a group may be another bot's
        }
        deliver(chatId, kind, replyTo, badInput(e.reason()), m);
        return;
      }
    }
    inOrder(chatId, kind, replyTo, m, runner.run(command, requester));
  }

  /**
   * Delivers a chat's replies in the order its messages came, even when a later lookup finishes first;
   * a reply waits at most {@link #ORDER_WAIT} for the one before it.
   */
  private void inOrder(long chatId, SendSchedule.Kind kind, Integer replyTo, Messages m,
      CompletableFuture<Reply> reply) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(chatId, mine);
    CompletableFuture<Void> turn = before == null ? CompletableFuture.completedFuture(null)
        : before.copy().completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    reply.thenCombine(turn, (r, ignored) -> r)
        .thenAcceptAsync(r -> {
          if (r != null) {
            deliver(chatId, kind, replyTo, r, m);
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

  /** As above, quoting message {@code replyTo} (if not null) with the first message sent. */
  void deliver(long chatId, SendSchedule.Kind kind, Integer replyTo, Reply reply, Messages m) {
    List<String> texts = html.render(reply, m);
    List<PacedSender.Request> requests = new ArrayList<>();
    InlineKeyboardMarkup keyboard = null;
    if (reply instanceof Reply.SummaryReply s) {
      Summary summary = s.lookup().summary();
      Optional<byte[]> chart = chart(summary, m);
      if (chart.isPresent()) {
        byte[] png = chart.get();
        String caption = html.caption(SummaryView.of(s.lookup(), m, clock));
        requests.add(new PacedSender.Request("sendPhoto to chat " + chatId, () -> photo(chatId, png, caption, replyTo)));
      }
      keyboard = keyboard(s, m);
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

  private void deliverHtml(long chatId, SendSchedule.Kind kind, List<String> texts, Messages m) {
    List<PacedSender.Request> requests = new ArrayList<>();
    for (String text : TelegramHtml.split(texts, TelegramHtml.MESSAGE_LIMIT)) {
      requests.add(new PacedSender.Request("sendMessage to chat " + chatId, () -> message(chatId, text, null, null)));
    }
    sender.offer(lane(chatId), kind, requests);
  }

  private Optional<byte[]> chart(Summary summary, Messages m) {
    try {
      return charts.apply(summary, m);
    } catch (RuntimeException e) {
      LOG.warn("could not draw the chart for {}: sending the text alone", summary.handle(), e);
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
    Messages m = messages(query.getFrom());
    Optional<ButtonData.Press> press = buttons.decode(query.getData());
    if (press.isEmpty() || query.getMessage() == null) {
      answerButton(query.getId(), m.get("telegram.button.expired"));
      return;
    }
    long chatId = query.getMessage().getChatId();
    SendSchedule.Kind kind = query.getMessage().isUserMessage() ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
    ButtonData.Press p = press.get();
    Requester requester = requester(query.getFrom(), chatId);
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
        answerButton(query.getId(), m.get("telegram.button.refreshed"));
        return r;
      });
    }
    inOrder(chatId, kind, null, m, reply);
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
    try {
      HandleParser.parse(text);
    } catch (InvalidHandleException e) {
      answerInline(query.getId(), List.of()); // still typing
      return;
    }
    Requester requester = new Requester("telegram:" + query.getFrom().getId(),
        "telegram:inline:" + query.getFrom().getId());
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
      description = m.format(((Reply.ErrorReply) reply).message());
      id = "error";
    }
    return InlineQueryResultArticle.builder().id(id).title(clip(title, 256)).description(clip(description, 512))
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

  private boolean isStatus(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return head.equals("/status") || head.equals("/status@" + botName);
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
