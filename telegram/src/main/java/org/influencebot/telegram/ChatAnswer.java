package org.influencebot.telegram;

import java.util.Optional;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;

/** What the router sends for a message or a button: a core reply, a question, an edit, or nothing. */
sealed interface ChatAnswer {
  /** The core's reply; {@code privately} sends it to the asker's private chat with the bot. */
  record Core(Reply reply, Messages m, boolean privately) implements ChatAnswer {}

  record Silent() implements ChatAnswer {}

  /**
   * A group's member audit: aggregates in the group, the members' list (when asked) to the asker alone.
   *
   * @param chatTitle the group's title, to name it in the list sent privately
   */
  record MemberAudit(Reply.MemberAuditReply reply, Messages m, Optional<String> chatTitle) implements ChatAnswer {}

  /** "Which account?", with a forced reply: the user's answer is the handle. */
  record Ask(TelegramCommands.OwnHandle command, Messages m) implements ChatAnswer {}

  /** A button's answer: the message it is under, edited in place. */
  record Edit(ReplyMessages.Target target, Optional<String> shownFileId, boolean isPhoto, Reply reply, Messages m)
      implements ChatAnswer {}
}
