package org.influencebot.telegram;

import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.influencebot.core.command.Button;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * Buttons: Details and Refresh under a summary, as the core's {@link Command.Press}; the answer edits
 * the message the button is under (its caption, picture or text), and a refusal is said on the button.
 */
final class ButtonPresses {
  private final CommandRunner runner;
  private final ChatPermissions permissions;
  private final ReplyOrder order;
  private final Delivery delivery;
  private final ReplyMessages replies;
  private final Executor work;

  ButtonPresses(CommandRunner runner, ChatPermissions permissions, ReplyOrder order, Delivery delivery,
      ReplyMessages replies, Executor work) {
    this.runner = runner;
    this.permissions = permissions;
    this.order = order;
    this.delivery = delivery;
    this.replies = replies;
    this.work = work;
  }

  void onPress(CallbackQuery query) {
    Messages own = UpdateRouter.messages(query.getFrom());
    Optional<Button> button = runner.buttons().decode(query.getData());
    boolean inline = query.getInlineMessageId() != null;
    if (button.isEmpty() || (query.getMessage() == null && !inline)) {
      delivery.answerButton(query.getId(), own.get("telegram.button.expired"));
      return;
    }
    User from = query.getFrom();
    // The message the button is under: edited in place (its caption, picture or text).
    Message pressed = query.getMessage() instanceof Message msg ? msg : null;
    // A message sent through inline mode is in no chat the bot knows: its replies are ordered by user.
    long chatId = inline ? 0 : query.getMessage().getChatId();
    String lane = inline ? "inline:" + from.getId() : Delivery.lane(chatId);
    boolean inPrivate = !inline && query.getMessage().isUserMessage();
    SendSchedule.Kind kind = inline ? SendSchedule.Kind.ANSWER
        : inPrivate ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
    ReplyMessages.Target target = inline ? ReplyMessages.Target.inline(query.getInlineMessageId())
        : ReplyMessages.Target.chat(chatId, query.getMessage().getMessageId());
    // A message sent through inline mode belongs to no chat the bot knows: no chat settings there.
    Requester requester = inline ? ChatPermissions.inline(from) : permissions.inChat(from, chatId, inPrivate);
    boolean refresh = button.get().action() == Button.Action.REFRESH;
    Optional<String> shown = pressed != null && pressed.hasPhoto()
        ? pressed.getPhoto().stream().max(Comparator.comparing(PhotoSize::getWidth)).map(PhotoSize::getFileId)
        : Optional.empty();
    CompletableFuture<ChatAnswer> answer;
    try {
      // The core may read the chat's settings: off the polling thread.
      answer = CompletableFuture.supplyAsync(() -> runner.answer(new Command.Press(button.get()), requester), work)
          .thenCompose(a -> {
            Messages m = a.messages(own);
            return a.reply().thenApply(r -> {
              // A refusal (too fast, switched off) is said on the button, not posted in the chat.
              if (r instanceof Reply.ErrorReply e) {
                delivery.answerButton(query.getId(), m.format(e.message()));
                return (ChatAnswer) new ChatAnswer.Silent();
              }
              delivery.answerButton(query.getId(), refresh ? m.get("telegram.button.refreshedInPlace") : "");
              if (a.privately() && !inPrivate && !inline) {
                // The chat's moderators want lookups answered in private: a new message there, not an edit.
                return new ChatAnswer.Core(r, m, true);
              }
              boolean isPhoto = pressed != null ? pressed.hasPhoto() : replies.knownChart(r, m).isPresent();
              return new ChatAnswer.Edit(target, shown, isPhoto, r, m);
            });
          });
    } catch (RejectedExecutionException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    order.inOrder(lane, answer, r -> delivery.send(r, lane, chatId, Optional.of(from.getId()), kind, null),
        error -> delivery.failedButton(query.getId(), own, error));
  }
}
