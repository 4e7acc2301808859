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

  /**
   * Put after an {@code @} that starts a word: Telegram then sees no mention, so a reply that names
   * {@code @alice} (a social handle, often a Telegram name too) never notifies a Telegram user called
   * alice. The joiner is invisible and keeps the handle on one line.
   */
  public static final char WORD_JOINER = '\u2060';

  /**
   * Escapes text for HTML parse mode, and keeps it from pinging anyone: an {@code @} that starts a
   * word is followed by {@link #WORD_JOINER}. For element content only; text inside {@code <code>}
   * goes through {@link #escapeCode}, where Telegram finds no mention and the text must copy as it is.
   */
  public static String escape(String text) {
    return escape(text, true);
  }

  /** Escapes text for a {@code <code>} element: as {@link #escape}, without the joiners. */
  public static String escapeCode(String text) {
    return escape(text, false);
  }

  private static String escape(String text, boolean noMention) {
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
        case '@' -> {
          out.append(c);
          if (noMention && i + 1 < text.length() && isMentionChar(text.charAt(i + 1))) {
            out.append(WORD_JOINER);
          }
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A character Telegram reads as part of a mention after {@code @} (letters, digits and _, of any script). */
  private static boolean isMentionChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || Character.isSurrogate(c);
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

  /**
   * The reply as the caption of its chart, within {@link #CAPTION_LIMIT}: whole lines only. The head
   * (title, headline, followers) and the last line (the freshness) always stay; lines in between are
   * kept in order while they fit, and when some do not, a line says the text was shortened.
   */
  public String caption(Reply reply, Messages m) {
    List<String> all = lines(reply, m);
    if (String.join("\n", all).length() > CAPTION_LIMIT && reply instanceof Reply.SummaryReply r) {
      // A summary too long for a caption: its signals come first (the chart shows the components), each
      // with the first sentence of its evidence, and the components follow with the details only.
      all = new ArrayList<>();
      SummaryView v = SummaryView.of(r.lookup(), m, clock);
      all.add(bold(v.title()));
      all.add(escape(v.headline()));
      all.add(escape(v.followers()));
      all.add("");
      all.add(bold(m.get("summary.signals")));
      for (SummaryView.Row row : r.details() || r.focus() == Reply.Focus.AUTHENTICITY ? v.signals() : v.keySignals()) {
        all.add(shortRow(row));
      }
      if (!r.details()) {
        all.add(italic(m.get("telegram.moreDetails")));
      } else {
        all.add("");
        all.add(bold(m.get("summary.components")));
        for (SummaryView.Row row : v.components()) {
          all.add(shortRow(row));
        }
      }
      all.add("");
      all.add(italic(v.footer()));
    }
    return fit(all, CAPTION_LIMIT, m);
  }

  /**
   * Whole lines within {@code max}: the head (three lines) and the last line always stay; lines in
   * between are kept in order while they fit, a section title is never left without its first line, and
   * when lines are left out a line says the text was shortened.
   */
  static String fit(List<String> lines, int max, Messages m) {
    String all = String.join("\n", lines).strip();
    if (all.length() <= max) {
      return all;
    }
    int head = Math.min(3, lines.size());
    String marker = italic(m.get("telegram.shortened"));
    String last = lines.size() > head ? lines.get(lines.size() - 1) : "";
    List<String> kept = new ArrayList<>(lines.subList(0, head));
    int length = String.join("\n", kept).length();
    int reserved = marker.length() + 1 + (last.isEmpty() ? 0 : last.length() + 2);
    for (int i = head; i < lines.size() - 1; i++) {
      String line = lines.get(i);
      if (length + 1 + line.length() + reserved > max) {
        break;
      }
      kept.add(line);
      length += 1 + line.length();
    }
    // No trailing blank line or section title without its content.
    while (kept.size() > head && (kept.get(kept.size() - 1).isBlank() || isTitle(kept.get(kept.size() - 1)))) {
      kept.remove(kept.size() - 1);
    }
    String body = String.join("\n", kept) + "\n" + marker + (last.isEmpty() ? "" : "\n\n" + last);
    return body.length() <= max ? body : shorten(body, max);
  }

  private static boolean isTitle(String line) {
    return line.startsWith("<b>") && line.endsWith("</b>") && line.indexOf("<b>", 1) < 0;
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
          out.add("<code>" + escapeCode(m.get("help.usage." + name.word())) + "</code> " + escape(m.get("help." + name.word())));
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

      @Override
      public List<String> memberAudit(Reply.MemberAuditReply r) {
        return memberAuditLines(r, m);
      }
    });
  }

  /**
   * A member audit for the group: aggregates only (the members' list never goes in a group), every line escaped
   * (nothing in it pings anyone): the title in bold, the waves as a list under their heading, what the audit
   * cannot see in italics, and, when the list was asked for, where it goes.
   */
  static List<String> memberAuditLines(Reply.MemberAuditReply r, Messages m) {
    var audit = r.audit();
    List<String> text = org.influencebot.core.members.MemberAuditText.lines(audit, m);
    int waves = audit.report().waves().size();
    String wavesHeading = waves == 0 ? m.get("members.waves.none") : m.get("members.waves", waves);
    String cannotSee = m.get("members.cannot_see");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i);
      if (i == 0) {
        out.add(bold(line));
      } else if (line.startsWith("- ")) {
        out.add("• " + escape(line.substring(2)));
      } else if (line.equals(wavesHeading)) {
        out.add("");
        out.add(waves == 0 ? escape(line) : bold(line));
      } else if (line.equals(cannotSee)) {
        out.add("");
        out.add(italic(line));
      } else {
        out.add(escape(line));
      }
    }
    if (r.list()) {
      out.add("");
      out.add(italic(m.get("members.list.private")));
    }
    return out;
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

  /** A row with the first sentence of its text, at most {@link #SHORT_ROW} characters of it: for captions. */
  private static String shortRow(SummaryView.Row row) {
    String text = row.text();
    int end = text.indexOf(". ");
    String first = end > 0 ? text.substring(0, end + 1) : text;
    return "• " + escape(row.label()) + " <b>" + escape(row.score()) + "</b> — "
        + escape(org.influencebot.core.text.Clip.clip(first, SHORT_ROW));
  }

  private static final int SHORT_ROW = 110;

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
