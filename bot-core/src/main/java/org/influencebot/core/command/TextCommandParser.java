package org.influencebot.core.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Text;

/**
 * Reads a command typed as text: {@code /influence @alice}, {@code /compare @a @b}, {@code /help}, and
 * Telegram's {@code /influence@BotName @alice}. Used by the console and the Telegram adapter.
 */
public final class TextCommandParser {
  private final Optional<String> botName;

  /** @param botName the bot's own username, so that {@code /cmd@OtherBot} is ignored in groups */
  public TextCommandParser(Optional<String> botName) {
    this.botName = botName.map(n -> n.toLowerCase(Locale.ROOT));
  }

  /** Empty when the line is addressed to another bot; throws for lines the user got wrong. */
  public Optional<Command> parse(String line) throws CommandParseException {
    String s = line == null ? "" : line.strip();
    if (s.isEmpty()) {
      throw new CommandParseException(Text.of("command.error.empty"));
    }
    if (!s.startsWith("/")) {
      throw new CommandParseException(Text.of("command.error.noSlash"));
    }
    List<String> words = Arrays.asList(s.split("\\s+"));
    String head = words.get(0).substring(1).toLowerCase(Locale.ROOT);
    int at = head.indexOf('@');
    if (at >= 0) {
      String addressee = head.substring(at + 1);
      if (botName.isPresent() && !botName.get().equals(addressee)) {
        return Optional.empty();
      }
      head = head.substring(0, at);
    }
    List<String> args = words.subList(1, words.size());
    boolean details = args.stream().anyMatch(TextCommandParser::isDetailsWord);
    List<String> handles = args.stream().filter(a -> !isDetailsWord(a)).toList();
    switch (head) {
      case "influence" -> {
        return Optional.of(new Command.Influence(one(handles, "influence"), details));
      }
      case "authenticity", "authenticite", "authenticité" -> {
        return Optional.of(new Command.Authenticity(one(handles, "authenticity"), details));
      }
      case "compare", "comparer" -> {
        if (handles.size() != 2) {
          throw new CommandParseException(Text.of("command.error.compareArgs"));
        }
        return Optional.of(new Command.Compare(handles.get(0), handles.get(1)));
      }
      case "settings", "reglages", "réglages" -> {
        List<String> rest = args;
        if (rest.size() == 1 || rest.size() > 2) {
          throw new CommandParseException(Text.of("command.error.settingsArgs"));
        }
        return Optional.of(new Command.Settings(rest.isEmpty() ? Optional.empty() : Optional.of(rest.get(0)),
            rest.isEmpty() ? Optional.empty() : Optional.of(rest.get(1))));
      }
      case "link", "lier" -> {
        if (handles.size() > 1) {
          throw new CommandParseException(Text.of("command.error.tooManyHandles", "link"));
        }
        return Optional.of(handles.isEmpty() ? new Command.ShowLink() : new Command.Link(handles.get(0)));
      }
      case "unlink", "delier", "délier" -> {
        return Optional.of(new Command.Unlink());
      }
      case "members", "membres" -> {
        if (args.size() > 1 || (args.size() == 1 && !List.of("list", "liste").contains(args.get(0).toLowerCase(Locale.ROOT)))) {
          throw new CommandParseException(Text.of("command.error.membersArgs"));
        }
        return Optional.of(new Command.AuditMembers(args.size() == 1));
      }
      case "debug" -> {
        return Optional.of(new Command.Debug());
      }
      case "help", "aide", "start" -> {
        return Optional.of(new Command.Help());
      }
      default -> throw new CommandParseException(Text.of("command.error.unknown", clip(head)));
    }
  }

  private static String one(List<String> handles, String command) throws CommandParseException {
    if (handles.isEmpty()) {
      throw new CommandParseException(Text.of("command.error.missingHandle", command));
    }
    if (handles.size() > 1) {
      throw new CommandParseException(Text.of("command.error.tooManyHandles", command));
    }
    return handles.get(0);
  }

  private static String clip(String s) {
    return Clip.clip(s.replaceAll("[^\\p{L}\\p{N}_-]", ""), 33);
  }

  /** A word that asks for every signal ({@code details}, {@code détails}, {@code --details}), in any case. */
  public static boolean isDetailsWord(String word) {
    return word.equalsIgnoreCase("details") || word.equalsIgnoreCase("détails") || word.equalsIgnoreCase("--details");
  }

  /**
   * The focus of a lookup command's word without its slash ({@code influence}, {@code authenticity} and its
   * French spellings), in lower case; empty for any other word.
   */
  public static Optional<Reply.Focus> lookupFocus(String head) {
    return switch (head) {
      case "influence" -> Optional.of(Reply.Focus.INFLUENCE);
      case "authenticity", "authenticite", "authenticité" -> Optional.of(Reply.Focus.AUTHENTICITY);
      default -> Optional.empty();
    };
  }
}
