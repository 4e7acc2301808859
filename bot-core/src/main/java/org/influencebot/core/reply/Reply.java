package org.influencebot.core.reply;

import java.util.List;
import java.util.Set;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.text.Text;

/**
 * What the bot answers, as data: each adapter renders it within its platform's limits and escaping
 * rules (Discord embed, Telegram HTML, console text), through a {@link Visitor}, so that a new kind of
 * reply does not compile until every platform renders it.
 */
public sealed interface Reply {
  /** Which side of a summary leads the reply. */
  enum Focus {
    INFLUENCE,
    AUTHENTICITY
  }

  <R> R accept(Visitor<R> visitor);

  /** One method per kind of reply: every renderer implements them all. */
  interface Visitor<R> {
    R summary(SummaryReply reply);

    R compare(CompareReply reply);

    R help(HelpReply reply);

    R note(Note reply);

    R debug(DebugReply reply);

    R notHere(NotHere reply);

    R error(ErrorReply reply);

    R memberAudit(MemberAuditReply reply);
  }

  /** One account's summary, short (fits one embed or message) or with every signal's evidence. */
  record SummaryReply(Lookup lookup, Focus focus, boolean details) implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.summary(this);
    }
  }

  /** Two summaries side by side and which is more influential on authentic audience, with the reason. */
  record CompareReply(Lookup first, Lookup second, Text conclusion) implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.compare(this);
    }
  }

  /** The list of commands. */
  record HelpReply() implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.help(this);
    }
  }

  /**
   * A short answer for the asker, one sentence a line: a link made or removed, the settings, a
   * moderator's change, a refusal. Never about an account's scores.
   */
  record Note(List<Text> lines) implements Reply {
    public Note {
      lines = List.copyOf(lines);
    }

    public static Note of(String key, Object... args) {
      return new Note(List.of(Text.of(key, args)));
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.note(this);
    }
  }

  /** The owner's report, preformatted and not translated (versions, configuration with secrets hidden, statistics). */
  record DebugReply(String report) implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.debug(this);
    }
  }

  /**
   * The chat's moderators told the bot to answer only in {@code channels}, not where it was asked:
   * where a chat is its own channel (Telegram) the bot stays silent.
   */
  record NotHere(Set<String> channels) implements Reply {
    public NotHere {
      channels = Set.copyOf(channels);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.notHere(this);
    }
  }

  /**
   * A community's member audit for its moderators: aggregates for the channel; with {@code list}, the members'
   * list (ids, most bought-looking first), which an adapter delivers to the moderator alone, never in a channel.
   */
  record MemberAuditReply(org.influencebot.core.members.MemberAudits.CommunityAudit audit, boolean list)
      implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.memberAudit(this);
    }
  }

  /** A polite sentence saying what went wrong and what to do. */
  record ErrorReply(ErrorKind kind, Text message) implements Reply {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.error(this);
    }
  }

  /** Kinds of error, so that adapters can tell them apart (Discord makes them ephemeral). */
  enum ErrorKind {
    BAD_INPUT,
    /** The asker named no account and has none linked: a platform may ask "Which account?" instead. */
    NO_HANDLE,
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
