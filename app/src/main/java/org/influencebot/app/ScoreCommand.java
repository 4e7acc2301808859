package org.influencebot.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.Requester;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.ReplyJson;
import org.influencebot.core.text.Messages;
import picocli.CommandLine;

/** {@code score HANDLE}: one summary, then exit. */
@CommandLine.Command(name = "score", description = "Print the influence and authenticity summary of one account and exit.")
final class ScoreCommand implements Callable<Integer> {
  @CommandLine.ParentCommand
  Main parent;

  @CommandLine.Parameters(paramLabel = "HANDLE", description = "@alice, bsky:alice.bsky.social, @alice@mastodon.social, a profile link…")
  String handle;

  @CommandLine.Option(names = "--json", description = "Print the reply as one JSON object.")
  boolean json;

  @CommandLine.Option(names = "--details", description = "Show every signal's evidence.")
  boolean details;

  @CommandLine.Option(names = "--chart", paramLabel = "FILE.png",
      description = "Also write the summary's chart (the follower history, else the components) to this PNG file.")
  String chart;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Settings settings;
    try {
      settings = Launch.settings(parent.configFile());
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
    Messages m = Launch.messages(parent.lang, settings);
    try (BotContext context = BotContext.create(settings)) {
      Reply reply = context.runner.run(new Command.Influence(handle, details), Requester.console()).join();
      if (json) {
        out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
            .writeValueAsString(ReplyJson.toJson(reply, m, context.clock)));
      } else if (reply instanceof Reply.ErrorReply) {
        err.println(new PlainTextRenderer(context.clock).render(reply, m));
      } else {
        out.println(new PlainTextRenderer(context.clock).render(reply, m));
      }
      if (reply instanceof Reply.ErrorReply e) {
        return e.kind() == Reply.ErrorKind.NOT_FOUND ? 3 : 1;
      }
      if (chart != null) {
        ChartFile.Result written = ChartFile.write(reply, chart, m);
        // On stderr, so that --json keeps stdout one JSON object.
        err.println(written.sentence());
        return written.written() ? 0 : 1;
      }
      return 0;
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 2;
    }
  }
}
