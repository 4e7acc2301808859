package org.influencebot.telegram;

import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandParseException;
import org.influencebot.core.command.TextCommandParser;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Text;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Parsing: which messages are for this bot, and which core command each one is. The words themselves
 * (commands, "details") are the core's {@link TextCommandParser}'s; what is Telegram's own is here: a
 * bare handle in a private chat, {@code /command@OtherBot}, and {@code /influence} alone about a member.
 */
final class TelegramCommands {
  private final TextCommandParser parser;
  /** The bot's username in lower case. */
  private final String botName;

  TelegramCommands(String botName) {
    this.parser = new TextCommandParser(Optional.of(botName));
    this.botName = botName.toLowerCase(Locale.ROOT);
  }

  /** {@code /influence} or {@code /authenticity} with no handle, perhaps with "details": about a linked handle. */
  record OwnHandle(boolean authenticity, boolean details) {}

  /** The message as a core command; empty when it is not for this bot. */
  Optional<Command> command(Message msg, String text) {
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

  /** {@code /influence} or {@code /authenticity} with no handle, perhaps with the core's "details" words. */
  static Optional<OwnHandle> ownHandle(String text) {
    Optional<Reply.Focus> focus = TextCommandParser.lookupFocus(headWord(text));
    if (focus.isEmpty()) {
      return Optional.empty();
    }
    String[] words = text.split("\\s+");
    boolean details = false;
    for (int i = 1; i < words.length; i++) {
      if (!TextCommandParser.isDetailsWord(words[i])) {
        return Optional.empty();
      }
      details = true;
    }
    return Optional.of(new OwnHandle(focus.get() == Reply.Focus.AUTHENTICITY, details));
  }

  /** The text a "Which account?" answer stands for: the command that asked, with the handle typed. */
  static String answering(OwnHandle asked, String typed) {
    return (asked.authenticity() ? "/authenticity " : "/influence ") + typed + (asked.details() ? " details" : "");
  }

  /** False for {@code /command@OtherBot}. */
  boolean addressedHere(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    int at = head.indexOf('@');
    return at < 0 || head.substring(at + 1).equals(botName);
  }

  private boolean addressedToUs(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    return head.endsWith("@" + botName);
  }

  /** The command word without its slash and without {@code @BotName}, in lower case. */
  private static String headWord(String text) {
    String head = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    head = head.startsWith("/") ? head.substring(1) : head;
    int at = head.indexOf('@');
    return at >= 0 ? head.substring(0, at) : head;
  }

  private static String nameOf(User user) {
    return user.getUserName() != null ? "@" + user.getUserName() : user.getFirstName();
  }

  static SendSchedule.Kind kindOf(Message msg) {
    return msg.isUserMessage() ? SendSchedule.Kind.PRIVATE : SendSchedule.Kind.GROUP;
  }
}
