package org.influencebot.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.command.Answer;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandParseException;
import org.influencebot.core.command.Requester;
import org.influencebot.core.command.TextCommandParser;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import picocli.CommandLine;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The interactive console: the same commands as in chat, typed at a prompt. */
@CommandLine.Command(name = "console", description = "Type /influence @handle, /authenticity @handle, /compare @a @b, /help.")
final class ConsoleCommand implements Callable<Integer> {
  @ParentCommand
  Main parent;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    return run(parent, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  static int run(Main parent, PrintWriter out, PrintWriter err) throws IOException {
    Settings settings;
    try {
      settings = Launch.settings(parent.configFile());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    try (BotContext context = BotContext.create(settings)) {
      // The console's language: --lang, else the console's own setting (/settings language fr), else the config's.
      Messages configured = parent.lang != null ? Messages.forTag(parent.lang) : Launch.messages(null, settings);
      return loop(context, configured, parent.lang != null, out);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  /**
   * Reads commands until {@code /quit}: each is parsed and answered by the core, as in a private chat
   * whose owner and moderator sits at the console.
   */
  private static int loop(BotContext context, Messages configured, boolean langForced, PrintWriter out)
      throws IOException {
    PlainTextRenderer renderer = new PlainTextRenderer(context.clock);
    TextCommandParser parser = new TextCommandParser(Optional.empty());
    Messages welcome = langForced ? configured : context.runner.answer(new Command.Help(), Requester.console())
        .messages(configured);
    out.println(welcome.get("console.welcome"));
    if (context.settings.string("source.default").equals("sample")) {
      out.println(welcome.get("console.sample", String.join(", ",
          SampleAccounts.all().stream().map(a -> "@" + a.handle()).toList())));
    }
    out.println(welcome.get("console.quit"));
    Reply lastReply = null; // what /chart FILE.png draws
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (true) {
      out.print("> ");
      out.flush();
      String line = in.readLine();
      if (line == null || line.strip().equals("/quit") || line.strip().equals("/exit")) {
        return 0;
      }
      if (line.isBlank()) {
        continue;
      }
      String typed = line.strip();
      if (typed.equals("/chart") || typed.startsWith("/chart ")) {
        Messages m = langForced ? configured : context.runner.answer(new Command.Help(), Requester.console())
            .messages(configured);
        out.println(ChartFile.write(lastReply, typed.substring("/chart".length()).strip(), m).sentence());
        out.println();
        continue;
      }
      if (typed.equals("/audit-members") || typed.startsWith("/audit-members ")) {
        // Console only: the moderator at the console audits a members file (chat platforms read their own members).
        Messages m = langForced ? configured : context.runner.answer(new Command.Help(), Requester.console())
            .messages(configured);
        String arg = typed.substring("/audit-members".length()).strip();
        boolean list = arg.startsWith("--list ");
        String path = list ? arg.substring("--list ".length()).strip() : arg;
        if (path.isEmpty()) {
          out.println(m.get("console.audit_members.usage"));
        } else {
          AuditMembersCommand.Outcome o = AuditMembersCommand.audit(java.nio.file.Path.of(path),
              context.clock.instant(), m, false, list);
          o.errors().forEach(out::println);
          o.lines().forEach(out::println);
          if (o.report() != null) {
            lastReply = AuditMembersCommand.asReply(o.report());
          }
        }
        out.println();
        continue;
      }
      // As in a private chat: a bare handle or profile link means /influence.
      if (!typed.startsWith("/")) {
        typed = "/influence " + typed;
      }
      Command command;
      try {
        Optional<Command> parsed = parser.parse(typed);
        if (parsed.isEmpty()) {
          continue;
        }
        command = parsed.get();
      } catch (CommandParseException e) {
        command = new Command.Invalid(e.reason());
      }
      Answer answer = context.runner.answer(command, Requester.console());
      Reply reply = answer.reply().join();
      out.println(renderer.render(reply, langForced ? configured : answer.messages(configured)));
      out.println();
      if (reply instanceof Reply.SummaryReply || reply instanceof Reply.CompareReply) {
        lastReply = reply;
      }
    }
  }
}
