package org.influencebot.core.reply;

import java.time.Clock;
import org.influencebot.core.command.Command;
import org.influencebot.core.members.MemberAuditText;
import org.influencebot.core.text.Messages;

/** Renders replies as plain text, for the console and the CLI. */
public final class PlainTextRenderer {
  private final Clock clock;

  public PlainTextRenderer(Clock clock) {
    this.clock = clock;
  }

  public String render(Reply reply, Messages m) {
    return reply.accept(new Reply.Visitor<String>() {
      @Override
      public String summary(Reply.SummaryReply r) {
        return PlainTextRenderer.this.summary(r, m);
      }

      @Override
      public String compare(Reply.CompareReply r) {
        return compareLine(SummaryView.of(r.first(), m, clock)) + '\n'
            + compareLine(SummaryView.of(r.second(), m, clock)) + '\n' + m.format(r.conclusion());
      }

      @Override
      public String help(Reply.HelpReply r) {
        return PlainTextRenderer.help(m);
      }

      @Override
      public String note(Reply.Note r) {
        return String.join("\n", r.lines().stream().map(m::format).toList());
      }

      @Override
      public String debug(Reply.DebugReply r) {
        return r.report();
      }

      @Override
      public String notHere(Reply.NotHere r) {
        // The console is its own single channel: the runner never sends it elsewhere.
        return "";
      }

      @Override
      public String error(Reply.ErrorReply r) {
        return m.format(r.message());
      }

      @Override
      public String memberAudit(Reply.MemberAuditReply r) {
        // The console and the command line are the moderator's own: the list may follow the aggregates.
        String text = String.join("\n", MemberAuditText.lines(r.audit(), m));
        return r.list() ? text + "\n\n" + String.join("\n", MemberAuditText.list(r.audit().report(), m)) : text;
      }
    });
  }

  private static String compareLine(SummaryView v) {
    return v.title() + "\n  " + v.headline() + "\n  " + v.followers();
  }

  private String summary(Reply.SummaryReply r, Messages m) {
    SummaryView v = SummaryView.of(r.lookup(), m, clock);
    StringBuilder out = new StringBuilder();
    out.append(v.title()).append('\n');
    out.append(v.headline()).append('\n');
    out.append(v.followers()).append('\n');
    boolean influenceFirst = r.focus() == Reply.Focus.INFLUENCE;
    if (r.details() || influenceFirst) {
      out.append('\n').append(m.get("summary.components")).append('\n');
      rows(out, v.components().stream().toList(), r.details() || influenceFirst);
    }
    out.append('\n').append(m.get("summary.signals")).append('\n');
    if (r.details() || !influenceFirst) {
      rows(out, v.signals(), true);
    } else {
      rows(out, v.keySignals(), true);
      out.append("  ").append(m.get("summary.moreDetails", r.lookup().summary().handle().display())).append('\n');
    }
    if (!v.missing().isEmpty()) {
      out.append('\n').append(v.missing()).append('\n');
    }
    out.append('\n').append(v.footer());
    return out.toString();
  }

  private static void rows(StringBuilder out, java.util.List<SummaryView.Row> rows, boolean withText) {
    int width = rows.stream().mapToInt(row -> row.label().length()).max().orElse(0);
    for (SummaryView.Row row : rows) {
      out.append("  ").append(pad(row.label(), width)).append(' ').append(pad(row.score(), 3));
      if (withText) {
        out.append("  ").append(row.text());
      }
      out.append('\n');
    }
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  public static String help(Messages m) {
    StringBuilder out = new StringBuilder(m.get("help.intro")).append('\n');
    for (Command.Name name : Command.Name.values()) {
      out.append("  ").append(m.get("help.usage." + name.word())).append("  ").append(m.get("help." + name.word())).append('\n');
    }
    out.append(m.get("help.handles"));
    return out.toString();
  }
}
