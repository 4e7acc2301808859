package org.influencebot.telegram;

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
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.inlinequery.InlineQuery;
import org.telegram.telegrambots.meta.api.objects.inlinequery.inputmessagecontent.InputTextMessageContent;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResult;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.InlineQueryResultArticle;
import org.telegram.telegrambots.meta.api.objects.inlinequery.result.cached.InlineQueryResultCachedPhoto;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
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
  /** The bot's username as Telegram spells it, for sentences that name it. */
  private final String shownBotName;
  private final TelegramOptions options;
  private final Clock clock;
  private final ReplyMessages replies;
  /** "Which account?" questions sent, by chat and message id: a reply to one is the handle asked for. */
  private final com.github.benmanes.caffeine.cache.Cache<String, OwnHandle> prompts =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10_000)
          .expireAfterWrite(Duration.ofHours(1)).build();
  /** Per lane (a chat, or a user's inline messages), the reply that must go out before the next one. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
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
    this.shownBotName = botName;
    this.options = options;
    this.clock = clock;
    this.replies = new ReplyMessages(client, html, charts);
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
      // Its limit may live in Redis: checked on the work threads, never on the polling (or webhook) thread.
      InlineQuery query = update.getInlineQuery();
      try {
        work.execute(() -> {
          try {
            onInlineQuery(query);
          } catch (RuntimeException e) {
            LOG.error("could not answer inline query {}", query.getId(), e);
            answerInline(query.getId(), List.of());
          }
        });
      } catch (RejectedExecutionException e) {
        answerInline(query.getId(), List.of(article(new Reply.ErrorReply(Reply.ErrorKind.BUSY, Text.of("error.busy")),
            messages(query.getFrom()))));
      }
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
    Optional<OwnHandle> asked = answerToPrompt(msg);
    if (kind != SendSchedule.Kind.PRIVATE && !typed.startsWith("/") && asked.isEmpty()) {
      return; // group chatter that reached the bot (privacy mode off): not for us
    }
    // The answer to "Which account?" is the handle of the command that asked.
    String text = asked.isPresent() && !typed.startsWith("/")
        ? (asked.get().authenticity() ? "/authenticity " : "/influence ") + typed
            + (asked.get().details() ? " details" : "")
        : typed;
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
    inOrder(lane(chatId), chatId, Optional.ofNullable(msg.getFrom()).map(User::getId), kind, replyTo, answer,
        error -> failed(chatId, kind, fallback, error));
  }

  /** What to answer to a message that is for this bot: the core's answer, in the chat's language. */
  private CompletableFuture<Answer> answer(Message msg, String text) {
    Messages own = messages(msg.getFrom());
    Optional<Command> command = command(msg, text);
    if (command.isEmpty()) {
      return silent();
    }
    org.influencebot.core.command.Answer answer = runner.answer(command.get(), requester(msg));
    Messages m = answer.messages(own);
    Optional<OwnHandle> bare = command.get() instanceof Command.Linked l && l.member().isEmpty()
        ? ownHandle(text) : Optional.empty();
    return answer.reply().thenApply(r -> {
      if (bare.isPresent() && r instanceof Reply.ErrorReply e && e.kind() == Reply.ErrorKind.NO_HANDLE) {
        // A bare /influence (the command menu sends it so) from someone with no link: ask which account.
        return new Answer.Ask(bare.get(), m);
      }
      return new Answer.Core(r, m, answer.privately());
    });
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
        return ReplyMessages.call(() -> client.executeAsync(ask)).thenApply(member -> {
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

    /** "Which account?", with a forced reply: the user's answer is the handle. */
    record Ask(OwnHandle command, Messages m) implements Answer {}

    /** A button's answer: the message it is under, edited in place. */
    record Edit(ReplyMessages.Target target, Optional<String> shownFileId, boolean isPhoto, Reply reply, Messages m)
        implements Answer {}
  }

  private static CompletableFuture<Answer> silent() {
    return CompletableFuture.completedFuture(new Answer.Silent());
  }

  /**
   * Delivers a lane's replies in the order its messages came, even when a later lookup finishes first,
   * and an error too (it waits for its turn like any reply); a reply waits at most {@link #ORDER_WAIT}
   * for the one before it. {@code onFailure} says a failure to the asker.
   */
  private void inOrder(String lane, long chatId, Optional<Long> userId, SendSchedule.Kind kind, Integer replyTo,
      CompletableFuture<Answer> reply, java.util.function.Consumer<Throwable> onFailure) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(lane, mine);
    CompletableFuture<Void> turn = before == null ? CompletableFuture.completedFuture(null)
        : before.copy().completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // thenCombine runs once both are complete, a failed reply too: an error never overtakes earlier replies
    // (UpdateRouterTest.anErrorWaitsForTheRepliesBeforeItInItsChat).
    reply.thenCombine(turn, (r, ignored) -> r)
        .thenAcceptAsync(r -> {
          if (r instanceof Answer.Core core && core.privately() && userId.isPresent()) {
            // The chat's moderators want lookups answered in private: to the asker's chat with the bot.
            deliverPrivately(userId.get(), chatId, kind, replyTo, core.reply(), core.m());
          } else if (r instanceof Answer.Core core) {
            deliver(chatId, kind, replyTo, core.reply(), core.m());
          } else if (r instanceof Answer.Plain plain) {
            deliverHtml(chatId, kind, replyTo, plain.text().lines().map(TelegramHtml::escape).toList());
          } else if (r instanceof Answer.Ask ask) {
            askWhich(chatId, kind, replyTo, ask);
          } else if (r instanceof Answer.Edit edit) {
            InlineKeyboardMarkup markup = edit.reply() instanceof Reply.SummaryReply s ? keyboard(s, edit.m()) : null;
            if (!sender.offer(lane, kind, ReplyMessages.one(replies.edit(edit.target(), edit.shownFileId(),
                edit.isPhoto(), edit.reply(), edit.m(), markup)))) {
              LOG.warn("outgoing queue full: an edit in {} was not queued", lane);
            }
          }
        }, work)
        .whenComplete((ignored, error) -> {
          if (error != null) {
            onFailure.accept(error);
          }
          mine.complete(null);
          tails.remove(lane, mine);
        });
  }

  private void failed(long chatId, SendSchedule.Kind kind, Messages m, Throwable error) {
    try {
      deliver(chatId, kind, errorOf(error), m);
    } catch (RuntimeException e) {
      LOG.error("could not send an error reply", e);
    }
  }

  /** A button whose answer failed: said on the button (a message under an inline message has no chat to post in). */
  private void failedButton(String queryId, Messages m, Throwable error) {
    try {
      answerButton(queryId, m.format(errorOf(error).message()));
    } catch (RuntimeException e) {
      LOG.error("could not answer a button with an error", e);
    }
  }

  private static Reply.ErrorReply errorOf(Throwable error) {
    return (Reply.ErrorReply) CommandRunner.toError(error instanceof RejectedExecutionException
        || error.getCause() instanceof RejectedExecutionException ? new ServiceBusyException() : error);
  }

  private boolean addressedToUs(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return head.endsWith("@" + botName);
  }

  /** Sends a reply to a chat in one message: see {@link ReplyMessages}. */
  void deliver(long chatId, SendSchedule.Kind kind, Reply reply, Messages m) {
    deliver(chatId, kind, null, reply, m);
  }

  /**
   * As above, quoting message {@code replyTo} (if not null): one message, the chart as a photo with the
   * reply as its caption, or the text alone; a summary carries its Details and Refresh buttons.
   */
  void deliver(long chatId, SendSchedule.Kind kind, Integer replyTo, Reply reply, Messages m) {
    deliver(chatId, kind, replyTo, reply, m, null);
  }

  /**
   * A reply owed in the asker's private chat. Telegram refuses it (403) when the asker never started the
   * bot or blocked it: then the group is told, in reply to the question, how to get the answer, so that
   * nothing is lost in silence.
   */
  private void deliverPrivately(long userId, long groupId, SendSchedule.Kind groupKind, Integer replyTo, Reply reply,
      Messages m) {
    deliver(userId, SendSchedule.Kind.PRIVATE, null, reply, m, () -> {
      // The bot's name as a link to its chat, not a mention: nothing in a reply is a mention.
      String name = "@" + TelegramHtml.WORD_JOINER + TelegramHtml.escape(shownBotName);
      String text = TelegramHtml.escape(m.get("telegram.private.cannotWrite", shownBotName))
          .replace(name, "<a href=\"https://t.me/" + TelegramHtml.escapeCode(shownBotName) + "\">" + name + "</a>");
      if (!sender.offerNotice(lane(groupId), groupKind, new PacedSender.Request(
          "private-reply notice to chat " + groupId, () -> message(groupId, text, null, replyTo)))) {
        LOG.warn("outgoing queue full: could not tell chat {} that a private reply was refused", groupId);
      }
    });
  }

  private void deliver(long chatId, SendSchedule.Kind kind, Integer replyTo, Reply reply, Messages m,
      Runnable whenForbidden) {
    List<PacedSender.Request> requests = new ArrayList<>();
    if (reply instanceof Reply.SummaryReply || reply instanceof Reply.CompareReply) {
      InlineKeyboardMarkup keyboard = reply instanceof Reply.SummaryReply s ? keyboard(s, m) : null;
      requests.add(replies.send(chatId, replyTo, reply, m, keyboard));
    } else {
      // Help, notes, errors and the owner's report: text, split between lines if longer than a message.
      for (String text : html.render(reply, m)) {
        Integer quote = requests.isEmpty() ? replyTo : null;
        requests.add(new PacedSender.Request("sendMessage to chat " + chatId, () -> message(chatId, text, null, quote)));
      }
    }
    if (requests.isEmpty()) {
      return; // nothing to say here (the moderators keep the bot silent in this chat)
    }
    if (whenForbidden != null) {
      PacedSender.Request first = requests.get(0);
      requests.set(0, new PacedSender.Request(first.what(), () -> first.send().get().whenComplete((ok, error) -> {
        if (error != null && forbidden(error)) {
          whenForbidden.run();
        }
      })));
    }
    if (!sender.offer(lane(chatId), kind, requests)) {
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
            .inputFieldPlaceholder(Clip.clip(ask.m().get("telegram.which.placeholder"), 64)).build());
    if (replyTo != null) {
      b.replyParameters(quoting(replyTo));
    }
    SendMessage question = b.build();
    PacedSender.Request request = new PacedSender.Request("which-account question to chat " + chatId,
        () -> ReplyMessages.call(() -> client.executeAsync(question)).thenApply(sent -> {
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
    // Asked before a restart, or answered before this process read Telegram's answer: the question's words.
    boolean fromUs = replied.getFrom() != null && replied.getFrom().getUserName() != null
        && replied.getFrom().getUserName().equalsIgnoreCase(botName);
    // The question as sent, less the joiners that keep its example handle from being a mention.
    String question = replied.getText() == null ? "" : replied.getText().replace(String.valueOf(TelegramHtml.WORD_JOINER), "");
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
    return ReplyMessages.call(() -> client.executeAsync(b.build()));
  }


  // ---- buttons --------------------------------------------------------------------------------

  private void onButton(CallbackQuery query) {
    Messages own = messages(query.getFrom());
    Optional<Button> button = runner.buttons().decode(query.getData());
    boolean inline = query.getInlineMessageId() != null;
    if (button.isEmpty() || (query.getMessage() == null && !inline)) {
      answerButton(query.getId(), own.get("telegram.button.expired"));
      return;
    }
    User from = query.getFrom();
    // The message the button is under: edited in place (its caption, picture or text).
    Message pressed = query.getMessage() instanceof Message msg ? msg : null;
    // A message sent through inline mode is in no chat the bot knows: its replies are ordered by user.
    long chatId = inline ? 0 : query.getMessage().getChatId();
    String lane = inline ? "inline:" + from.getId() : lane(chatId);
    boolean inPrivate = !inline && query.getMessage().isUserMessage();
    SendSchedule.Kind kind = inline ? SendSchedule.Kind.ANSWER
        : inPrivate ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
    ReplyMessages.Target target = inline ? ReplyMessages.Target.inline(query.getInlineMessageId())
        : ReplyMessages.Target.chat(chatId, query.getMessage().getMessageId());
    // A message sent through inline mode belongs to no chat the bot knows: no chat settings there.
    Requester requester = inline
        ? new Requester(PLATFORM, Long.toString(from.getId()), Optional.empty(), "inline", false, Permissions.member())
        : new Requester(PLATFORM, Long.toString(from.getId()), Optional.of(Long.toString(chatId)),
            Long.toString(chatId), inPrivate, permissions(chatId, from, inPrivate));
    boolean refresh = button.get().action() == Button.Action.REFRESH;
    Optional<String> shown = pressed != null && pressed.hasPhoto()
        ? pressed.getPhoto().stream().max(java.util.Comparator.comparing(PhotoSize::getWidth)).map(PhotoSize::getFileId)
        : Optional.empty();
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
              answerButton(query.getId(), refresh ? m.get("telegram.button.refreshedInPlace") : "");
              if (a.privately() && !inPrivate && !inline) {
                // The chat's moderators want lookups answered in private: a new message there, not an edit.
                return new Answer.Core(r, m, true);
              }
              boolean isPhoto = pressed != null ? pressed.hasPhoto() : replies.knownChart(r, m).isPresent();
              return new Answer.Edit(target, shown, isPhoto, r, m);
            });
          });
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    inOrder(lane, chatId, Optional.of(from.getId()), kind, null, answer, error -> failedButton(query.getId(), own, error));
  }

  private void answerButton(String queryId, String text) {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(queryId);
    if (!text.isEmpty()) {
      b.text(Clip.clip(text, CALLBACK_ANSWER_LIMIT)).showAlert(text.length() > 60);
    }
    AnswerCallbackQuery answer = b.build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerCallbackQuery", () -> ReplyMessages.call(() -> client.executeAsync(answer))));
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
    // Inline queries come letter by letter: their own, larger budget, never the member's requests.
    java.util.OptionalLong wait = runner.limits().tryInline(PLATFORM + ":" + query.getFrom().getId());
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
            .photoFileId(photo.get()).title(Clip.clip(v.title(), 256)).description(Clip.clip(v.headline(), 512))
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
      description = new PlainTextRenderer(clock).render(reply, m);
      id = "error";
    }
    return InlineQueryResultArticle.builder().id(id).title(Clip.clip(title, 256)).description(Clip.clip(description, 512))
        .inputMessageContent(InputTextMessageContent.builder().messageText(body).parseMode(ParseMode.HTML)
            .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build())
        .replyMarkup(markup).build();
  }

  private void answerInline(String queryId, List<InlineQueryResult> results) {
    AnswerInlineQuery answer = AnswerInlineQuery.builder().inlineQueryId(queryId)
        .results(results.subList(0, Math.min(results.size(), INLINE_RESULTS_LIMIT)))
        .cacheTime(60).isPersonal(true).build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerInlineQuery", () -> ReplyMessages.call(() -> client.executeAsync(answer))));
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

  /** Telegram's 403: the user never started the bot, or blocked it. */
  private static boolean forbidden(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException api
          && api.getErrorCode() != null && api.getErrorCode() == 403) {
        return true;
      }
    }
    return false;
  }

  private boolean isOwner(User user) {
    return user != null && options.owner().isPresent() && options.owner().getAsLong() == user.getId();
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
