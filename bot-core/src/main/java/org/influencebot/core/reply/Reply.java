package org.influencebot.core.reply;

import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Text;

/**
 * What the bot answers, as data: each adapter renders it within its platform's limits and escaping
 * rules (Discord embed, Telegram HTML, console text).
 */
public sealed interface Reply {
  /** Which side of a summary leads the reply. */
  enum Focus {
    INFLUENCE,
    AUTHENTICITY
  }

  /** One account's summary, short (fits one embed or message) or with every signal's evidence. */
  record SummaryReply(Lookup lookup, Focus focus, boolean details) implements Reply {}

  /** Two summaries side by side and which is more influential on authentic audience, with the reason. */
  record CompareReply(Lookup first, Lookup second, Text conclusion) implements Reply {}

  /** The list of commands. */
  record HelpReply() implements Reply {}

  /** A polite sentence saying what went wrong and what to do. */
  record ErrorReply(ErrorKind kind, Text message) implements Reply {}

  /** Kinds of error, so that adapters can tell them apart (Discord makes them ephemeral). */
  enum ErrorKind {
    BAD_INPUT,
    NOT_FOUND,
    SOURCE_DOWN,
    /** The source took longer than the lookup's time limit. */
    SOURCE_TOO_SLOW,
    /** The source answered something the bot could not read. */
    UNREADABLE_ANSWER,
    RATE_LIMITED,
    BUSY,
    INTERNAL
  }
}
