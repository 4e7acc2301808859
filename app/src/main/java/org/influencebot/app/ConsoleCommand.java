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
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.text.Messages;
import org.influencebot.store.Member;
import org.influencebot.store.Platform;
import org.influencebot.store.Scope;
import org.influencebot.store.SettingsReplies;
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
      java.util.function.Supplier<Messages> messages = () -> parent.lang != null ? Messages.forTag(parent.lang)
          : context.store.settings().settingsOf(CONSOLE).language().map(Messages::forLocale)
              .orElse(Launch.messages(null, settings));
      return loop(context, messages, out);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static final Scope CONSOLE = new Scope(Platform.CONSOLE, "local");
  private static final Member OWNER = new Member(Platform.CONSOLE, "local");

  /** The commands the console answers itself: whoever sits at the console is its owner and moderator. */
  private static Optional<String> localCommand(Command command, BotContext context, Messages m) {
    if (command instanceof Command.Settings s) {
      SettingsReplies replies = new SettingsReplies(context.store);
      return Optional.of(s.key().isEmpty() ? replies.show(CONSOLE, m)
          : replies.change(CONSOLE, OWNER.userId(), s.key().get(), s.value().orElse(""), m));
    }
    if (command instanceof Command.Debug) {
      return Optional.of(DebugReport.of(context));
    }
    if (command instanceof Command.Link link) {
      if (link.handle().isEmpty()) {
        boolean removed = context.store.links().unlink(OWNER);
        return Optional.of(m.get(removed ? "link.removed" : "link.none"));
      }
      try {
        Handle handle = HandleParser.parse(link.handle().get());
        context.store.links().link(OWNER, handle.toString());
        return Optional.of(m.get("link.done", handle.display()));
      } catch (InvalidHandleException e) {
        return Optional.of(m.format(e.reason()));
      }
    }
    return Optional.empty();
  }

  private static int loop(BotContext context, java.util.function.Supplier<Messages> messages, PrintWriter out)
      throws IOException {
    Messages m = messages.get();
    PlainTextRenderer renderer = new PlainTextRenderer(context.clock);
    TextCommandParser parser = new TextCommandParser(Optional.empty());
    out.println(m.get("console.welcome"));
    if (context.settings.string("source.default").equals("sample")) {
      out.println(m.get("console.sample", String.join(", ",
          SampleAccounts.all().stream().map(a -> "@" + a.handle()).toList())));
    }
    out.println(m.get("console.quit"));
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
      m = messages.get();
      String typed = line.strip();
      if (typed.equals("/chart") || typed.startsWith("/chart ")) {
        out.println(ChartFile.write(lastReply, typed.substring("/chart".length()).strip(), m).sentence());
        out.println();
        continue;
      }
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
        Optional<String> local = localCommand(command.get(), context, m);
        if (local.isPresent()) {
          out.println(local.get());
          out.println();
          continue;
        }
        reply = context.runner.run(command.get(), Requester.console()).join();
      } catch (CommandParseException e) {
        reply = new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT, e.reason());
      }
      out.println(renderer.render(reply, m));
      out.println();
      if (!(reply instanceof Reply.ErrorReply)) {
        lastReply = reply;
      }
    }
  }
}
