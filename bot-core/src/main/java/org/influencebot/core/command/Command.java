package org.influencebot.core.command;

import java.util.List;
import java.util.Optional;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Text;

/**
 * What a user asked, the same on every platform: adapters turn slash commands, chat text, buttons and
 * console lines into one of these, and {@link CommandRunner} answers every one of them.
 */
public sealed interface Command {
  /** {@code /influence @handle}: the influence summary (with authenticity beside it). */
  record Influence(String handle, boolean details) implements Command {}

  /** {@code /authenticity @handle}: the authenticity summary with every signal. */
  record Authenticity(String handle, boolean details) implements Command {}

  /** {@code /compare @a @b}. */
  record Compare(String first, String second) implements Command {}

  /**
   * {@code /influence} about a member rather than a handle: the handle that member linked. Empty
   * {@code member} means the asker.
   */
  record Linked(Reply.Focus focus, boolean details, Optional<Person> member) implements Command {}

  /**
   * What a user types after the bot's name in any chat (Telegram's inline mode), letter by letter: the
   * influence summary of the handle once it is one, under the inline budget, never the member's requests.
   * Anything that is not yet one handle is a {@link Reply.ErrorKind#BAD_INPUT} (no result while typing).
   */
  record Inline(String typed) implements Command {}

  /** A details or refresh button pressed under a summary. */
  record Press(Button button) implements Command {}

  /** {@code /help} (and Telegram's {@code /start}). */
  record Help() implements Command {}

  /** {@code /settings} lists a chat's or server's settings; {@code /settings KEY VALUE} changes one (moderators). */
  record Settings(Optional<String> key, Optional<String> value) implements Command {
    public static Settings show() {
      return new Settings(Optional.empty(), Optional.empty());
    }
  }

  /** A moderator removes a member's linked handle (a handle that is not theirs, an insult). */
  record RemoveLink(Person member) implements Command {}

  /** {@code /link @handle}: a member links their own social handle. */
  record Link(String handle) implements Command {}

  /** {@code /link} alone: which handle the asker linked. */
  record ShowLink() implements Command {}

  /** {@code /unlink}: the asker removes their link. */
  record Unlink() implements Command {}

  /**
   * {@code /members}: a moderator audits the members of the community they ask in (Discord: Manage Server;
   * Telegram: group administrators). The channel gets aggregates only; with {@code list}, the recent joiners and
   * wave members by id go to the moderator alone (ephemeral on Discord, their private chat on Telegram).
   */
  record AuditMembers(boolean list) implements Command {}

  /** {@code /debug}: versions, effective configuration (secrets hidden), statistics: the owner, in private. */
  record Debug() implements Command {}

  /** What was typed is no command: answered with the sentence saying what to type, in the chat's language. */
  record Invalid(Text reason) implements Command {}

  /** Another chat member, as the platform knows them: their id and the name to show. */
  record Person(String id, String name) {}

  /**
   * Every command a user can type, in the order help lists them: the one list that help, the settings'
   * {@code commands} key, the parsers, Discord's slash commands and Telegram's menu are built from.
   */
  enum Name {
    INFLUENCE("influence", true),
    AUTHENTICITY("authenticity", true),
    COMPARE("compare", true),
    LINK("link", true),
    SETTINGS("settings", false),
    MEMBERS("members", false),
    HELP("help", false);

    private final String word;
    private final boolean switchable;

    Name(String word, boolean switchable) {
      this.word = word;
      this.switchable = switchable;
    }

    public String word() {
      return word;
    }

    /** Whether moderators can switch it off (help and settings always answer; {@code /unlink} goes with link). */
    public boolean switchable() {
      return switchable;
    }

    /** The words of the commands moderators can switch off. */
    public static List<String> switchableWords() {
      return java.util.Arrays.stream(values()).filter(Name::switchable).map(Name::word).toList();
    }
  }
}
