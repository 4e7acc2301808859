package org.influencebot.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.chart.Charts;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.text.Messages;

/**
 * Writes the chart of a reply to a PNG file, for {@code score … --chart FILE.png} and the console's
 * {@code /chart FILE.png}: the same picture the chat platforms attach (the follower history, else the
 * components; the side-by-side chart of {@code /compare}), in the reply's language.
 */
final class ChartFile {
  private ChartFile() {}

  /** The chart of {@code reply}, if it has one. */
  static Optional<byte[]> of(Reply reply, Messages m) {
    if (reply instanceof Reply.SummaryReply s) {
      return Charts.summaryChart(s.lookup().summary(), m);
    }
    if (reply instanceof Reply.CompareReply c) {
      return Optional.of(Charts.compareChart(c.first().summary(), c.second().summary(), m));
    }
    if (reply instanceof Reply.MemberAuditReply a) {
      return Charts.joinsChart(a.audit().report(), m);
    }
    return Optional.empty();
  }

  /**
   * Writes the chart of {@code reply} to {@code file} (a new file or one to replace) and returns the
   * sentence saying what was done: where it went, or why nothing was written.
   */
  static Result write(Reply reply, String file, Messages m) {
    if (file == null || file.isBlank()) {
      return new Result(false, m.get("console.chart.usage"));
    }
    if (!file.toLowerCase(Locale.ROOT).endsWith(".png")) {
      return new Result(false, m.get("console.chart.notPng", file));
    }
    Optional<byte[]> png = reply == null ? Optional.empty() : of(reply, m);
    if (png.isEmpty()) {
      return new Result(false, m.get("console.chart.none"));
    }
    Path path = Path.of(file).toAbsolutePath();
    try {
      Files.write(path, png.get());
    } catch (IOException | RuntimeException e) {
      return new Result(false, m.get("console.chart.failed", path));
    }
    return new Result(true, m.get("console.chart.written", path, (png.get().length + 1023) / 1024));
  }

  /** Whether a file was written, and the sentence for the user. */
  record Result(boolean written, String sentence) {}
}
