package org.influencebot.core.command;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.Reply.ErrorKind;
import org.influencebot.core.reply.Reply.ErrorReply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Command} for a {@link Requester} and completes with the {@link Reply}: never
 * exceptionally, since every failure becomes a polite {@link ErrorReply}. Shared by every platform.
 */
public final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final InfluenceService service;
  private final RequestLimits limits;

  public CommandRunner(InfluenceService service, RequestLimits limits) {
    this.service = service;
    this.limits = limits;
  }

  public InfluenceService service() {
    return service;
  }

  public CompletableFuture<Reply> run(Command command, Requester requester) {
    if (command instanceof Command.Help) {
      return CompletableFuture.completedFuture(new Reply.HelpReply());
    }
    if (command instanceof Command.Settings || command instanceof Command.Link || command instanceof Command.Debug) {
      // These need the store and the platform's idea of who is a moderator or the owner: adapters answer them.
      throw new IllegalArgumentException(command + " is answered by the platform adapter, not the runner");
    }
    OptionalLong wait = limits.tryRequest(requester.user(), requester.scope());
    if (wait.isPresent()) {
      return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.rateLimited", wait.getAsLong())));
    }
    try {
      if (command instanceof Command.Influence c) {
        return summary(parse(c.handle(), requester), Reply.Focus.INFLUENCE, c.details());
      }
      if (command instanceof Command.Authenticity c) {
        return summary(parse(c.handle(), requester), Reply.Focus.AUTHENTICITY, c.details());
      }
      Command.Compare c = (Command.Compare) command;
      Handle first = parse(c.first(), requester);
      Handle second = parse(c.second(), requester);
      CompletableFuture<Lookup> a = service.summary(first);
      CompletableFuture<Lookup> b = service.summary(second);
      return a.thenCombine(b, (x, y) -> (Reply) new Reply.CompareReply(x, y, Comparison.conclude(x.summary(), y.summary())))
          .exceptionally(CommandRunner::toError);
    } catch (InvalidHandleException e) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, e.reason()));
    }
  }

  private static Handle parse(String text, Requester requester) throws InvalidHandleException {
    Handle h = HandleParser.parse(text);
    return requester.defaultNetwork().map(h::orOn).orElse(h);
  }

  /** The refresh button: recomputes now, once per user per cooldown. */
  public CompletableFuture<Reply> refresh(Handle handle, Reply.Focus focus, Requester requester) {
    OptionalLong wait = limits.tryRefresh(requester.user());
    if (wait.isPresent()) {
      return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.refreshCooldown", wait.getAsLong())));
    }
    return service.refresh(handle).thenApply(l -> (Reply) new Reply.SummaryReply(l, focus, false))
        .exceptionally(CommandRunner::toError);
  }

  private CompletableFuture<Reply> summary(Handle handle, Reply.Focus focus, boolean details) {
    return service.summary(handle).thenApply(l -> (Reply) new Reply.SummaryReply(l, focus, details))
        .exceptionally(CommandRunner::toError);
  }

  private static CompletableFuture<Reply> done(Reply reply) {
    return CompletableFuture.completedFuture(reply);
  }

  /** Every failure as a sentence; unexpected ones are logged for the operator. */
  public static Reply toError(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof AccountNotFoundException nf) {
      return new ErrorReply(ErrorKind.NOT_FOUND, notFound(nf));
    }
    if (cause instanceof SourceException se) {
      LOG.warn("source failed: {}", se.getMessage());
      ErrorKind kind = switch (se.kind()) {
        case RATE_LIMITED -> ErrorKind.RATE_LIMITED;
        case BAD_RESPONSE -> ErrorKind.UNREADABLE_ANSWER;
        case TIMEOUT -> ErrorKind.SOURCE_TOO_SLOW;
        case REFUSED -> ErrorKind.BAD_INPUT;
        default -> ErrorKind.SOURCE_DOWN;
      };
      return new ErrorReply(kind, se.userMessage());
    }
    if (cause instanceof ServiceBusyException) {
      return new ErrorReply(ErrorKind.BUSY, Text.of("error.busy"));
    }
    LOG.error("unexpected error while answering a command", cause);
    return new ErrorReply(ErrorKind.INTERNAL, Text.of("error.internal"));
  }

  /** "Could not find", naming the network that was searched when the handle is on one. */
  private static Text notFound(AccountNotFoundException nf) {
    String display = nf.handle().display();
    return nf.handle().network().filter(NAMED_NETWORKS::contains)
        .map(n -> Text.of("error.notFoundOn", display, nf.source(), Text.of("network." + n)))
        .orElseGet(() -> Text.of("error.notFound", display, nf.source()));
  }

  /** Networks with a name of their own in replies ({@code network.*} messages). */
  private static final java.util.Set<String> NAMED_NETWORKS =
      java.util.Set.of("twitter", "bluesky", "mastodon", "instagram", "telegram", "discord");

  /** Which of two accounts is more influential on authentic audience, and why. */
  static final class Comparison {
    private Comparison() {}

    static Text conclude(Summary a, Summary b) {
      OptionalInt sa = a.influence().score();
      OptionalInt sb = b.influence().score();
      if (sa.isEmpty() || sb.isEmpty()) {
        return Text.of("compare.unknown");
      }
      long aa = a.influence().authenticFollowers().orElse(0);
      long ab = b.influence().authenticFollowers().orElse(0);
      if (sa.getAsInt() == sb.getAsInt()) {
        return Text.of("compare.tie", a.handle().display(), b.handle().display(), sa.getAsInt());
      }
      Summary winner = sa.getAsInt() > sb.getAsInt() ? a : b;
      Summary other = winner == a ? b : a;
      if (a.influence().authenticFollowers().isEmpty() || b.influence().authenticFollowers().isEmpty()) {
        // An audience not measured has no authentic figure to compare: never "0 authentic followers".
        return Text.of("compare.winner", winner.handle().display(), other.handle().display(),
            Math.abs(sa.getAsInt() - sb.getAsInt()), Text.of("compare.reason.unmeasured"));
      }
      long wa = winner == a ? aa : ab;
      long oa = winner == a ? ab : aa;
      int diff = Math.abs(sa.getAsInt() - sb.getAsInt());
      String reason = wa >= oa ? "compare.reason.audience" : "compare.reason.engagement";
      return Text.of("compare.winner", winner.handle().display(), other.handle().display(), diff,
          Text.of(reason, wa, oa));
    }
  }
}
