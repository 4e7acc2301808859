package org.influencebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Prompts: "Which account?" with a forced reply, asked when a bare {@code /influence} comes from a
 * member with no link, and the member's answer read back as the handle of the command that asked.
 */
final class WhichAccount {
  private static final Logger LOG = LoggerFactory.getLogger(WhichAccount.class);

  /** Questions sent, by chat and message id: a reply to one is the handle asked for. */
  private final Cache<String, TelegramCommands.OwnHandle> prompts =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofHours(1)).build();
  private final TelegramClient client;
  private final PacedSender sender;
  /** The bot's username in lower case. */
  private final String botName;

  WhichAccount(TelegramClient client, PacedSender sender, String botName) {
    this.client = client;
    this.sender = sender;
    this.botName = botName.toLowerCase(Locale.ROOT);
  }

  /** "Which account?" with a forced reply, remembered so that the answer is read as the handle. */
  void ask(long chatId, SendSchedule.Kind kind, Integer replyTo, ChatAnswer.Ask ask) {
    SendMessage.SendMessageBuilder<?, ?> b = SendMessage.builder().chatId(chatId)
        .text(TelegramHtml.escape(ask.m().get("telegram.which"))).parseMode(ParseMode.HTML)
        .replyMarkup(ForceReplyKeyboard.builder().forceReply(true).selective(true)
            .inputFieldPlaceholder(Clip.clip(ask.m().get("telegram.which.placeholder"), 64)).build());
    if (replyTo != null) {
      b.replyParameters(Delivery.quoting(replyTo));
    }
    SendMessage question = b.build();
    PacedSender.Request request = new PacedSender.Request("which-account question to chat " + chatId,
        () -> ReplyMessages.call(() -> client.executeAsync(question)).thenApply(sent -> {
          if (sent instanceof Message m) {
            prompts.put(chatId + "/" + m.getMessageId(), ask.command());
          }
          return sent;
        }));
    if (!sender.offer(Delivery.lane(chatId), kind, ReplyMessages.one(request))) {
      LOG.warn("outgoing queue full: a question to chat {} was not queued", chatId);
    }
  }

  /** The command a message answers, when it replies to one of this bot's "Which account?" questions. */
  Optional<TelegramCommands.OwnHandle> answeredBy(Message msg) {
    Message replied = msg.getReplyToMessage();
    if (replied == null) {
      return Optional.empty();
    }
    TelegramCommands.OwnHandle asked = prompts.getIfPresent(msg.getChatId() + "/" + replied.getMessageId());
    if (asked != null) {
      return Optional.of(asked);
    }
    // Asked before a restart, or answered before this process read Telegram's answer: the question's words.
    boolean fromUs = replied.getFrom() != null && replied.getFrom().getUserName() != null
        && replied.getFrom().getUserName().equalsIgnoreCase(botName);
    // The question as sent, less the joiners that keep its example handle from being a mention.
    String question = replied.getText() == null ? "" : replied.getText().replace(String.valueOf(TelegramHtml.WORD_JOINER), "");
    boolean which = Messages.SUPPORTED.stream().anyMatch(l -> question.equals(Messages.forLocale(l).get("telegram.which")));
    return fromUs && which ? Optional.of(new TelegramCommands.OwnHandle(false, false)) : Optional.empty();
  }
}
