package org.influencebot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.influencebot.core.command.Button;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Delivery: replies as Telegram requests, queued on the paced sender: messages (split between lines),
 * the chart as a photo with its caption, edits under a pressed button, the answers to buttons, and the
 * summary's Details and Refresh buttons.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  static final int CALLBACK_ANSWER_LIMIT = 200;
  /** Telegram's limit on a button's callback data, in bytes. */
  static final int CALLBACK_DATA = 64;

  private final TelegramClient client;
  private final TelegramHtml html;
  private final PacedSender sender;
  private final ReplyMessages replies;
  private final Button.Codec buttons;
  private final WhichAccount prompts;
  private final MemberReplies members;
  /** The bot's username as Telegram spells it, for sentences that name it. */
  private final String shownBotName;

  Delivery(TelegramClient client, TelegramHtml html, PacedSender sender, ReplyMessages replies, Button.Codec buttons,
      WhichAccount prompts, MemberReplies members, String shownBotName) {
    this.client = client;
    this.members = members;
    this.html = html;
    this.sender = sender;
    this.replies = replies;
    this.buttons = buttons;
    this.prompts = prompts;
    this.shownBotName = shownBotName;
  }

  /** Sends what the router decided for a lane: a reply, a question, an edit, or nothing. */
  void send(ChatAnswer answer, String lane, long chatId, Optional<Long> userId, SendSchedule.Kind kind, Integer replyTo) {
    if (answer instanceof ChatAnswer.Core core && core.privately() && userId.isPresent()) {
      // The chat's moderators want lookups answered in private: to the asker's chat with the bot.
      deliverPrivately(userId.get(), chatId, kind, replyTo, core.reply(), core.m());
    } else if (answer instanceof ChatAnswer.Core core) {
      deliver(chatId, kind, replyTo, core.reply(), core.m());
    } else if (answer instanceof ChatAnswer.MemberAudit audit) {
      members.send(audit, chatId, userId, kind, replyTo);
    } else if (answer instanceof ChatAnswer.Ask ask) {
      prompts.ask(chatId, kind, replyTo, ask);
    } else if (answer instanceof ChatAnswer.Edit edit) {
      InlineKeyboardMarkup markup = edit.reply() instanceof Reply.SummaryReply s ? keyboard(s, edit.m()) : null;
      if (!sender.offer(lane, kind, ReplyMessages.one(replies.edit(edit.target(), edit.shownFileId(),
          edit.isPhoto(), edit.reply(), edit.m(), markup)))) {
        LOG.warn("outgoing queue full: an edit in {} was not queued", lane);
      }
    }
  }

  /** A failure said in the chat, as the core words it. */
  void failed(long chatId, SendSchedule.Kind kind, Messages m, Throwable error) {
    try {
      deliver(chatId, kind, errorOf(error), m);
    } catch (RuntimeException e) {
      LOG.error("could not send an error reply", e);
    }
  }

  /** A button whose answer failed: said on the button (a message under an inline message has no chat to post in). */
  void failedButton(String queryId, Messages m, Throwable error) {
    try {
      answerButton(queryId, m.format(errorOf(error).message()));
    } catch (RuntimeException e) {
      LOG.error("could not answer a button with an error", e);
    }
  }

  static Reply.ErrorReply errorOf(Throwable error) {
    return (Reply.ErrorReply) CommandRunner.toError(error instanceof RejectedExecutionException
        || error.getCause() instanceof RejectedExecutionException ? new ServiceBusyException() : error);
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

  /** A summary's buttons: Details (unless it shows them already) and Refresh. */
  InlineKeyboardMarkup keyboard(Reply.SummaryReply s, Messages m) {
    var handle = s.lookup().summary().handle();
    List<InlineKeyboardButton> row = new ArrayList<>();
    if (!s.details()) {
      row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.details"))
          .callbackData(buttons.encode(new Button(Button.Action.DETAILS, s.focus(), handle), CALLBACK_DATA)).build());
    }
    row.add(InlineKeyboardButton.builder().text(m.get("telegram.button.refresh"))
        .callbackData(buttons.encode(new Button(Button.Action.REFRESH, s.focus(), handle), CALLBACK_DATA)).build());
    return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(row)).build();
  }

  /** Answers a pressed button, with a short text (an alert when long) or none. */
  void answerButton(String queryId, String text) {
    AnswerCallbackQuery.AnswerCallbackQueryBuilder<?, ?> b = AnswerCallbackQuery.builder().callbackQueryId(queryId);
    if (!text.isEmpty()) {
      b.text(Clip.clip(text, CALLBACK_ANSWER_LIMIT)).showAlert(text.length() > 60);
    }
    AnswerCallbackQuery answer = b.build();
    sender.offerNotice("answer:" + queryId, SendSchedule.Kind.ANSWER,
        new PacedSender.Request("answerCallbackQuery", () -> ReplyMessages.call(() -> client.executeAsync(answer))));
  }

  static ReplyParameters quoting(int messageId) {
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

  /** Telegram's 403: the user never started the bot, or blocked it. */
  static boolean forbidden(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException api
          && api.getErrorCode() != null && api.getErrorCode() == 403) {
        return true;
      }
    }
    return false;
  }

  /** The paced sender's lane of a chat. */
  static String lane(long chatId) {
    return "chat:" + chatId;
  }
}
