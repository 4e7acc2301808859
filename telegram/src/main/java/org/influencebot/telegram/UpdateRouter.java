package org.influencebot.telegram;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import org.influencebot.core.chart.ChartCache;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Turns updates into core commands and replies into Telegram requests. {@link #consume} only reads
 * and dispatches: the work runs on the service's and the adapter's executors, so the polling thread
 * never waits; each update is handled inside its own try, so one bad update never stops the others.
 *
 * <p>Messages are routed here; the seams are classes of their own: parsing ({@link TelegramCommands}),
 * permissions ({@link ChatPermissions}), ordering ({@link ReplyOrder}), prompts ({@link WhichAccount}),
 * delivery ({@link Delivery}), inline mode ({@link InlineMode}) and buttons ({@link ButtonPresses}).
 */
final class UpdateRouter implements LongPollingUpdateConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(UpdateRouter.class);
  static final String PLATFORM = ChatPermissions.PLATFORM;

  private final CommandRunner runner;
  private final Executor work;
  private final TelegramCommands commands;
  private final ChatPermissions permissions;
  private final ReplyOrder order;
  private final WhichAccount prompts;
  private final Delivery delivery;
  private final InlineMode inline;
  private final ButtonPresses buttons;
  /** What the bot sees of groups' members, when member audits run. */
  private final Optional<MemberEvents> members;

  UpdateRouter(TelegramClient client, CommandRunner runner, PacedSender sender, ChartCache charts, Executor work,
      String botName, TelegramOptions options, Clock clock) {
    this(client, runner, sender, charts, work, botName, options, clock, Optional.empty(), (r, m) -> Optional.empty());
  }

  /**
   * @param members reports joins, leaves and activity to the member watch (empty: member audits are off)
   * @param joinsChart the chart of a member audit's joins, when there is one
   */
  UpdateRouter(TelegramClient client, CommandRunner runner, PacedSender sender, ChartCache charts, Executor work,
      String botName, TelegramOptions options, Clock clock, Optional<MemberEvents> members,
      BiFunction<MemberAuditReport, Messages, Optional<byte[]>> joinsChart) {
    this.runner = runner;
    this.members = members;
    this.work = work;
    TelegramHtml html = new TelegramHtml(clock);
    ReplyMessages replies = new ReplyMessages(client, html, charts);
    this.commands = new TelegramCommands(botName);
    this.permissions = new ChatPermissions(client, options);
    this.order = new ReplyOrder(work);
    this.prompts = new WhichAccount(client, sender, botName);
    this.delivery = new Delivery(client, html, sender, replies, runner.buttons(), prompts,
        new MemberReplies(client, html, sender, joinsChart, botName), botName);
    this.inline = new InlineMode(client, runner, html, sender, replies, delivery, work, clock);
    this.buttons = new ButtonPresses(runner, permissions, order, delivery, replies, work);
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
    if (update.hasMessage() && members.isPresent()) {
      // Every group message counts its sender as active (never its content), commands included.
      members.get().onMessage(update.getMessage());
    }
    if (update.hasMessage() && update.getMessage().hasText()) {
      onMessage(update.getMessage());
    } else if (update.hasChatMember()) {
      members.ifPresent(e -> e.onChatMember(update.getChatMember()));
    } else if (update.hasMyChatMember()) {
      members.ifPresent(e -> e.onMyChatMember(update.getMyChatMember()));
    } else if (update.hasInlineQuery()) {
      inline.onQuery(update.getInlineQuery());
    } else if (update.hasCallbackQuery()) {
      buttons.onPress(update.getCallbackQuery());
    }
  }

  /** The last resort: a polite sentence to whoever sent the update that failed. */
  private void apologize(Update update) {
    try {
      if (update.hasMessage()) {
        Message msg = update.getMessage();
        delivery.deliver(msg.getChatId(), TelegramCommands.kindOf(msg), new Reply.ErrorReply(Reply.ErrorKind.INTERNAL,
            Text.of("error.internal")), messages(msg.getFrom()));
      } else if (update.hasCallbackQuery()) {
        delivery.answerButton(update.getCallbackQuery().getId(),
            messages(update.getCallbackQuery().getFrom()).get("error.internal"));
      }
    } catch (RuntimeException e) {
      LOG.error("could not even apologize for update {}", update.getUpdateId(), e);
    }
  }

  // ---- messages -------------------------------------------------------------------------------

  private void onMessage(Message msg) {
    long chatId = msg.getChatId();
    SendSchedule.Kind kind = TelegramCommands.kindOf(msg);
    String typed = msg.getText().strip();
    Optional<TelegramCommands.OwnHandle> asked = prompts.answeredBy(msg);
    if (kind != SendSchedule.Kind.PRIVATE && !typed.startsWith("/") && asked.isEmpty()) {
      return; // group chatter that reached the bot (privacy mode off): not for us
    }
    // The answer to "Which account?" is the handle of the command that asked.
    String text = asked.isPresent() && !typed.startsWith("/") ? TelegramCommands.answering(asked.get(), typed) : typed;
    if (text.startsWith("/") && !commands.addressedHere(text)) {
      return; // /command@OtherBot in a group
    }
    // In a group the answer quotes the question, so that it is clear whom it answers.
    Integer replyTo = kind == SendSchedule.Kind.GROUP ? msg.getMessageId() : null;
    Messages fallback = messages(msg.getFrom());
    CompletableFuture<ChatAnswer> answer;
    try {
      // The chat's settings are read off the polling thread; the order of replies is kept by inOrder.
      answer = CompletableFuture.supplyAsync(() -> answer(msg, text), work).thenCompose(f -> f);
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    String lane = Delivery.lane(chatId);
    Optional<Long> userId = Optional.ofNullable(msg.getFrom()).map(User::getId);
    order.inOrder(lane, answer, r -> delivery.send(r, lane, chatId, userId, kind, replyTo),
        error -> delivery.failed(chatId, kind, fallback, error));
  }

  /** What to answer to a message that is for this bot: the core's answer, in the chat's language. */
  private CompletableFuture<ChatAnswer> answer(Message msg, String text) {
    Messages own = messages(msg.getFrom());
    Optional<Command> command = commands.command(msg, text);
    if (command.isEmpty()) {
      return CompletableFuture.completedFuture(new ChatAnswer.Silent());
    }
    org.influencebot.core.command.Answer answer = runner.answer(command.get(), permissions.of(msg));
    Messages m = answer.messages(own);
    Optional<TelegramCommands.OwnHandle> bare = command.get() instanceof Command.Linked l && l.member().isEmpty()
        ? TelegramCommands.ownHandle(text) : Optional.empty();
    return answer.reply().thenApply(r -> {
      if (bare.isPresent() && r instanceof Reply.ErrorReply e && e.kind() == Reply.ErrorKind.NO_HANDLE) {
        // A bare /influence (the command menu sends it so) from someone with no link: ask which account.
        return new ChatAnswer.Ask(bare.get(), m);
      }
      if (r instanceof Reply.MemberAuditReply audit) {
        return new ChatAnswer.MemberAudit(audit, m, Optional.ofNullable(msg.getChat()).map(c -> c.getTitle()));
      }
      return new ChatAnswer.Core(r, m, answer.privately());
    });
  }

  /** The user's own language (Telegram's client language), in Telegram's dialect. */
  static Messages messages(User from) {
    return Messages.forTag(from == null ? null : from.getLanguageCode()).dialect(PLATFORM);
  }
}
