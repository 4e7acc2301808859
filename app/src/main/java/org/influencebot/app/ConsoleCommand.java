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
    Messages m = Launch.messages(parent.lang, settings);
    try (BotContext context = BotContext.create(settings)) {
      return loop(context, m, out);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static int loop(BotContext context, Messages m, PrintWriter out) throws IOException {
    PlainTextRenderer renderer = new PlainTextRenderer(context.clock);
    TextCommandParser parser = new TextCommandParser(Optional.empty());
    out.println(m.get("console.welcome"));
    if (context.settings.string("source.default").equals("sample")) {
      out.println(m.get("console.sample", String.join(", ",
          SampleAccounts.all().stream().map(a -> "@" + a.handle()).toList())));
    }
    out.println(m.get("console.quit"));
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
      // As in a private chat: a bare handle or profile link means /influence.
      if (!typed.startsWith("/")) {
        typed = "/influence " + typed;
      }
      Reply reply;
      try {
        Optional<Command> command = parser.parse(typed);
        if (command.isEmpty()) {
          continue;
        }
        reply = context.runner.run(command.get(), Requester.console()).join();
      } catch (CommandParseException e) {
        reply = new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT, e.reason());
      }
      out.println(renderer.render(reply, m));
      out.println();
    }
  }
}
