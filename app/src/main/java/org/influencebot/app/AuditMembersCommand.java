package org.influencebot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.influencebot.config.ConfigException;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberAuditJson;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberAuditText;
import org.influencebot.core.members.MemberAuditor;
import org.influencebot.core.members.MemberFile;
import org.influencebot.core.text.Messages;
import picocli.CommandLine;

/**
 * {@code audit-members FILE.jsonl}: the member audit of a community's export (one member a line). Bad lines are
 * reported on stderr, one sentence each, and skipped (exit code 1); a missing file, an empty one or a bad
 * argument is one sentence and exit code 2. Aggregates only, unless {@code --list} (the moderator's terminal).
 */
@CommandLine.Command(name = "audit-members",
    description = "Audit a community's members file (JSON Lines: id, joined_at, created_at, has_avatar, is_bot,"
        + " last_active_at): how many joined when, the share of recent joiners that looks bought, the join waves.")
final class AuditMembersCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main parent;

  @CommandLine.Parameters(paramLabel = "FILE.jsonl", description = "members, one JSON object a line")
  Path file;

  @CommandLine.Option(names = "--json", description = "Print the audit as one JSON object.")
  boolean json;

  @CommandLine.Option(names = "--list",
      description = "Also list the recent joiners and wave members by id, most bought-looking first (for your own terminal, never a channel).")
  boolean list;

  @CommandLine.Option(names = "--chart", paramLabel = "FILE.png",
      description = "Also write the chart of joins per day, the join waves in red, to this PNG file.")
  String chart;

  @CommandLine.Option(names = "--now", paramLabel = "TIME",
      description = "Audit as of this RFC 3339 time (default: now), for an export made earlier.")
  String now;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant at;
    try {
      at = now == null ? clock.instant() : OffsetDateTime.parse(now).toInstant();
    } catch (DateTimeException e) {
      err.println("audit-members: --now must be an RFC 3339 time such as 2026-01-31T12:00:00Z, got \"" + now + "\".");
      return 2;
    }
    Messages m;
    try {
      m = parent.lang != null ? Messages.forTag(parent.lang) : Launch.messages(null, Launch.settings(parent.configFile()));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    Outcome o = audit(file, at, m, json, list);
    o.errors().forEach(err::println);
    if (o.report() == null) {
      return 2;
    }
    if (json) {
      out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
          .writeValueAsString(MemberAuditJson.toJson(o.report(), list)));
    } else {
      o.lines().forEach(out::println);
    }
    if (chart != null) {
      out.flush();
      ChartFile.Result written = ChartFile.write(asReply(o.report()), chart, m);
      // On stderr, so that --json keeps stdout one JSON object.
      err.println(written.sentence());
      if (!written.written()) {
        return 1;
      }
    }
    return o.errors().isEmpty() ? 0 : 1;
  }

  /** A file's audit as the reply a chat's {@code /members} gives, for its chart. */
  static org.influencebot.core.reply.Reply asReply(MemberAuditReport report) {
    return new org.influencebot.core.reply.Reply.MemberAuditReply(new org.influencebot.core.members.MemberAudits
        .CommunityAudit(report, org.influencebot.core.members.MemberRoster.Kind.FILE, java.util.OptionalInt.empty(),
        java.util.Optional.empty(), java.util.Optional.empty(), java.util.OptionalInt.empty()), false);
  }

  /** An audit's lines (empty for JSON), the sentences about the file, and the report (null when none could be made). */
  record Outcome(List<String> lines, List<String> errors, MemberAuditReport report) {}

  /** Reads and audits a members file: shared by the CLI and the console's {@code /audit-members FILE}. */
  static Outcome audit(Path file, Instant now, Messages m, boolean json, boolean list) {
    List<String> errors = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      errors.add("audit-members: no such file: " + file);
      return new Outcome(List.of(), errors, null);
    }
    List<Member> members;
    try {
      members = MemberFile.read(file, e -> errors.add("audit-members: " + file + " " + e + " (skipped)"));
    } catch (IOException | java.io.UncheckedIOException e) {
      errors.add("audit-members: could not read " + file + ": " + e.getMessage());
      return new Outcome(List.of(), errors, null);
    }
    if (members.isEmpty()) {
      errors.add("audit-members: " + file + " holds no member (one JSON object a line, such as"
          + " {\"id\": \"123\", \"joined_at\": \"2026-01-31T12:00:00Z\"}).");
      return new Outcome(List.of(), errors, null);
    }
    if (!errors.isEmpty()) {
      errors.add("audit-members: " + errors.size() + " line(s) skipped, " + members.size() + " member(s) audited");
    }
    MemberAuditReport report = new MemberAuditor().audit(members, now);
    List<String> lines = new ArrayList<>();
    if (!json) {
      lines.addAll(MemberAuditText.lines(report, m));
      if (list) {
        lines.add("");
        lines.addAll(MemberAuditText.list(report, m));
      }
    }
    return new Outcome(lines, errors, report);
  }
}
