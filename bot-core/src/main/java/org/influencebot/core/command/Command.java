package org.influencebot.core.command;

/**
 * What a user asked, the same on every platform: adapters turn slash commands, chat text and
 * console lines into one of these.
 */
public sealed interface Command {
  /** {@code /influence @handle}: the influence summary (with authenticity beside it). */
  record Influence(String handle, boolean details) implements Command {}

  /** {@code /authenticity @handle}: the authenticity summary with every signal. */
  record Authenticity(String handle, boolean details) implements Command {}

  /** {@code /compare @a @b}. */
  record Compare(String first, String second) implements Command {}

  /** {@code /help} (and Telegram's {@code /start}). */
  record Help() implements Command {}

  /** {@code /settings} lists a chat's or server's settings; {@code /settings KEY VALUE} changes one (moderators). */
  record Settings(java.util.Optional<String> key, java.util.Optional<String> value) implements Command {}

  /** {@code /link @handle}: a member links their own social handle; {@code /unlink} removes it. */
  record Link(java.util.Optional<String> handle) implements Command {}

  /** {@code /debug}: versions, effective configuration (secrets hidden), cache and store statistics (owner only). */
  record Debug() implements Command {}

  /** The names users type, in the order help lists them. */
  enum Name {
    INFLUENCE("influence"),
    AUTHENTICITY("authenticity"),
    COMPARE("compare"),
    LINK("link"),
    SETTINGS("settings"),
    HELP("help");

    private final String word;

    Name(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }
}
