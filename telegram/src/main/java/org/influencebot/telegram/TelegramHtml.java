package org.influencebot.telegram;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.influencebot.core.command.Command;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.SummaryView;
import org.influencebot.core.text.Messages;

/**
 * Renders replies in Telegram's HTML parse mode. Every piece of text that comes from data or from the
 * bundle goes through {@link #escape}; markup is only ever added here, one line at a time, so that a
 * message can be split on any line boundary without cutting a tag.
 */
public final class TelegramHtml {
  /** Telegram's limit for a text message. */
  public static final int MESSAGE_LIMIT = 4096;
  /** Telegram's limit for a photo caption. */
  public static final int CAPTION_LIMIT = 1024;

  private static final String ELLIPSIS = "…";

  private final Clock clock;

  public TelegramHtml(Clock clock) {
    this.clock = clock;
  }

  /** Escapes text for HTML parse mode, in element content and in attribute values alike. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String bold(String text) {
    return "<b>" + escape(text) + "</b>";
  }

  private static String italic(String text) {
    return "<i>" + escape(text) + "</i>";
  }

  /** The reply as one or more messages, each at most {@link #MESSAGE_LIMIT} characters. */
  public List<String> render(Reply reply, Messages m) {
    List<String> lines = lines(reply, m);
    return lines.isEmpty() ? List.of() : split(lines, MESSAGE_LIMIT);
  }

  /** The reply as a single text of at most {@code max} characters, shortened cleanly if needed. */
  public String renderOne(Reply reply, Messages m, int max) {
    String all = String.join("\n", lines(reply, m));
    if (all.length() <= max) {
      return all;
    }
    String marker = "\n" + italic(m.get("telegram.shortened"));
    return shorten(all, max - marker.length()) + marker;
  }

  /** A photo caption: the title and the headline of a summary. */
  public String caption(SummaryView v) {
    return shorten(bold(v.title()) + "\n" + escape(v.headline()), CAPTION_LIMIT);
  }

  /** Every kind of reply as lines of HTML; none where the bot stays silent. */
  List<String> lines(Reply reply, Messages m) {
    return reply.accept(new Reply.Visitor<List<String>>() {
      @Override
      public List<String> summary(Reply.SummaryReply r) {
        List<String> out = new ArrayList<>();
        TelegramHtml.this.summary(out, r, m);
        return out;
      }

      @Override
      public List<String> compare(Reply.CompareReply r) {
        List<String> out = new ArrayList<>();
        compareBlock(out, SummaryView.of(r.first(), m, clock));
        out.add("");
        compareBlock(out, SummaryView.of(r.second(), m, clock));
        out.add("");
        out.add(bold(m.format(r.conclusion())));
        return out;
      }

      @Override
      public List<String> help(Reply.HelpReply r) {
        List<String> out = new ArrayList<>();
        out.add(escape(m.get("help.intro")));
        out.add("");
        for (Command.Name name : Command.Name.values()) {
          out.add("<code>" + escape(m.get("help.usage." + name.word())) + "</code> " + escape(m.get("help." + name.word())));
        }
        out.add("");
        out.add(escape(m.get("help.handles")));
        out.add(escape(m.get("telegram.help.more")));
        return out;
      }

      @Override
      public List<String> note(Reply.Note r) {
        return r.lines().stream().flatMap(t -> m.format(t).lines()).map(TelegramHtml::escape).toList();
      }

      @Override
      public List<String> debug(Reply.DebugReply r) {
        return r.report().lines().map(TelegramHtml::escape).toList();
      }

      @Override
      public List<String> notHere(Reply.NotHere r) {
        // A Telegram chat is its own only channel: where its moderators keep the bot silent, it is.
        return List.of();
      }

      @Override
      public List<String> error(Reply.ErrorReply r) {
        return List.of(escape(m.format(r.message())));
      }
    });
  }

  private static void compareBlock(List<String> out, SummaryView v) {
    out.add(bold(v.title()));
    out.add(escape(v.headline()));
    out.add(escape(v.followers()));
  }

  private void summary(List<String> out, Reply.SummaryReply r, Messages m) {
    SummaryView v = SummaryView.of(r.lookup(), m, clock);
    out.add(bold(v.title()));
    out.add(escape(v.headline()));
    out.add(escape(v.followers()));
    boolean influenceFirst = r.focus() == Reply.Focus.INFLUENCE;
    if (r.details() || influenceFirst) {
      out.add("");
      out.add(bold(m.get("summary.components")));
      for (SummaryView.Row row : v.components()) {
        out.add(row(row));
      }
    }
    out.add("");
    out.add(bold(m.get("summary.signals")));
    if (r.details() || !influenceFirst) {
      for (SummaryView.Row row : v.signals()) {
        out.add(row(row));
      }
    } else {
      for (SummaryView.Row row : v.keySignals()) {
        out.add(row(row));
      }
      out.add(italic(m.get("telegram.moreDetails")));
    }
    if (!v.missing().isEmpty()) {
      out.add("");
      out.add(italic(v.missing()));
    }
    out.add("");
    out.add(italic(v.footer()));
  }

  private static String row(SummaryView.Row row) {
    return "• " + escape(row.label()) + " <b>" + escape(row.score()) + "</b> — " + escape(row.text());
  }

  /**
   * Packs lines into messages of at most {@code max} characters, breaking only between lines; a single
   * line longer than {@code max} is shortened cleanly.
   */
  public static List<String> split(List<String> lines, int max) {
    List<String> messages = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : lines) {
      String line = raw.length() > max ? shorten(raw, max) : raw;
      int needed = current.length() == 0 ? line.length() : current.length() + 1 + line.length();
      if (needed > max) {
        flush(messages, current);
      }
      if (current.length() > 0) {
        current.append('\n');
      }
      current.append(line);
    }
    flush(messages, current);
    if (messages.isEmpty()) {
      messages.add(ELLIPSIS);
    }
    return messages;
  }

  private static void flush(List<String> messages, StringBuilder current) {
    String text = current.toString().strip();
    if (!text.isEmpty()) {
      messages.add(text);
    }
    current.setLength(0);
  }

  /**
   * Cuts HTML to at most {@code max} characters without splitting a tag or an entity, closes the tags
   * left open and ends with an ellipsis.
   */
  public static String shorten(String html, int max) {
    if (html.length() <= max) {
      return html;
    }
    Deque<String> open = new ArrayDeque<>();
    int safe = 0; // the end of the last complete piece of text
    Deque<String> openAtSafe = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      int end;
      if (c == '<') {
        end = html.indexOf('>', i);
        end = end < 0 ? html.length() : end + 1;
        String tag = html.substring(i, end);
        if (tag.startsWith("</")) {
          open.pollFirst();
        } else if (!tag.endsWith("/>")) {
          String name = tag.substring(1, tag.length() - 1).split("[\\s>]")[0];
          open.addFirst(name);
        }
      } else if (c == '&') {
        end = html.indexOf(';', i);
        end = end < 0 ? i + 1 : end + 1;
      } else {
        end = i + (Character.isHighSurrogate(c) && i + 1 < html.length() ? 2 : 1);
      }
      int closing = open.stream().mapToInt(n -> n.length() + 3).sum();
      if (end + closing + ELLIPSIS.length() > max) {
        break;
      }
      i = end;
      safe = i;
      openAtSafe = new ArrayDeque<>(open);
    }
    StringBuilder out = new StringBuilder(html.substring(0, safe)).append(ELLIPSIS);
    for (String name : openAtSafe) {
      out.append("</").append(name).append('>');
    }
    return out.toString();
  }
}
