package org.influencebot.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.handle.InvalidHandleException;
import org.influencebot.core.limit.ChatCooldowns;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.members.MemberAudits;
import org.influencebot.core.members.MemberRoster;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.Reply.ErrorKind;
import org.influencebot.core.reply.Reply.ErrorReply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.service.Lookup;
import org.influencebot.core.service.ServiceBusyException;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link Command} for a {@link Requester} and completes with the {@link Answer}: never
 * exceptionally, since every failure becomes a polite {@link ErrorReply}. Shared by every platform:
 * the chat's settings (channels, commands switched off, cooldown, private replies, language, default
 * network), members' links, who may change settings and who may see the debug report are all
 * decided here, the same everywhere.
 *
 * <p>Member and moderator commands read and write the store on the calling thread: adapters call
 * the runner off their platform's event threads. Lookups complete on the service's executor.
 */
public final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
  private static final int RECENT_PER_SCOPE = 200;
  /** How much of a typed setting key or value is quoted back. */
  private static final int QUOTED = 41;

  private final InfluenceService service;
  private final RequestLimits limits;
  private final Optional<Community> community;
  private final Supplier<String> debugReport;
  private final ChatCooldowns cooldowns;
  private final RecentHandles recent = new RecentHandles(RECENT_PER_SCOPE);
  private final Button.Codec buttons = new Button.Codec();
  private final java.util.Map<String, MemberRoster> rosters = new ConcurrentHashMap<>();
  private volatile Optional<MemberAudits> memberAudits = Optional.empty();

  /** A runner for lookups alone (the command line, benchmarks): no store, so no settings and no links. */
  public CommandRunner(InfluenceService service, RequestLimits limits) {
    this(service, limits, Optional.empty(), () -> "");
  }

  /**
   * @param community chats' settings and members' links (the store)
   * @param debugReport what {@code /debug} shows the owner, secrets already hidden
   */
  public CommandRunner(InfluenceService service, RequestLimits limits, Community community,
      Supplier<String> debugReport) {
    this(service, limits, Optional.of(community), debugReport);
  }

  private CommandRunner(InfluenceService service, RequestLimits limits, Optional<Community> community,
      Supplier<String> debugReport) {
    this.service = service;
    this.limits = limits;
    this.community = community;
    this.debugReport = debugReport;
    this.cooldowns = new ChatCooldowns(service.clock());
  }

  public InfluenceService service() {
    return service;
  }

  /** The codec of every button the bot draws under a summary. */
  public Button.Codec buttons() {
    return buttons;
  }

  /** Runs {@code /members} audits with {@code audits} (without, {@code /members} says it is not available). */
  public void auditMembersWith(MemberAudits audits) {
    this.memberAudits = Optional.of(audits);
  }

  /** Where {@code platform}'s {@code /members} reads its members: each adapter gives its own at start. */
  public void roster(String platform, MemberRoster roster) {
    rosters.put(platform, roster);
  }

  /** The reply alone, for callers with no chat settings to apply (the command line, tests). */
  public CompletableFuture<Reply> run(Command command, Requester requester) {
    return answer(command, requester).reply();
  }

  /**
   * Runs {@code command}: how the chat wants the reply delivered, at once, and the reply when it is
   * ready. Reads the chat's settings on the calling thread (never a platform's event thread).
   */
  public Answer answer(Command command, Requester requester) {
    Optional<ChatRules> rules;
    try {
      rules = rulesOf(requester);
    } catch (RuntimeException e) {
      // The store cannot be read: a sentence, rather than answering against the moderators' settings.
      return Answer.of(toError(e));
    }
    Chat chat = new Chat(requester, rules);
    CompletableFuture<Reply> reply;
    try {
      reply = dispatch(command, chat);
    } catch (RuntimeException e) {
      reply = CompletableFuture.completedFuture(toError(e));
    }
    boolean privately = chat.privately() && isLookup(command);
    // What is typed inline is not said in a chat: it suggests nothing to the chat's autocomplete.
    boolean shown = !privately && !(command instanceof Command.Inline);
    return new Answer(reply.exceptionally(CommandRunner::toError).thenApply(r -> {
      if (shown) {
        remember(requester.scope(), r);
      }
      return r;
    }), privately, rules.flatMap(ChatRules::language));
  }

  /** Handles looked up in the asker's chat or server (their own, in a private chat) that contain {@code typed}. */
  public List<String> suggestions(Requester requester, String typed) {
    return recent.matching(requester.scope(), typed);
  }

  private Optional<ChatRules> rulesOf(Requester requester) {
    if (community.isEmpty() || requester.chat().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(community.get().rules(requester.platform(), requester.chat().get()));
  }

  /** Where a command is asked, with the settings in force there. */
  private record Chat(Requester requester, Optional<ChatRules> rules) {
    boolean privately() {
      return !requester.privateChat() && rules.map(ChatRules::privateReplies).orElse(false);
    }

    Optional<String> defaultNetwork() {
      return rules.map(ChatRules::defaultNetwork);
    }
  }

  private static boolean isLookup(Command command) {
    return command instanceof Command.Influence || command instanceof Command.Authenticity
        || command instanceof Command.Compare || command instanceof Command.Linked || command instanceof Command.Press;
  }

  private CompletableFuture<Reply> dispatch(Command command, Chat chat) {
    Requester requester = chat.requester();
    // Always answered, wherever the bot is told to stay silent: moderators must be able to undo it.
    if (command instanceof Command.Settings c) {
      return settings(c, chat);
    }
    if (command instanceof Command.RemoveLink c) {
      return removeLink(c, chat);
    }
    if (command instanceof Command.AuditMembers c) {
      return auditMembers(c, requester);
    }
    if (command instanceof Command.Debug) {
      return done(debug(requester));
    }
    if (command instanceof Command.Invalid c) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, c.reason()));
    }
    if (command instanceof Command.Inline c) {
      return inline(c, requester);
    }
    if (chat.rules().isPresent() && !requester.privateChat() && !chat.rules().get().answersIn(requester.channel())) {
      return done(new Reply.NotHere(chat.rules().get().answerChannels()));
    }
    if (command instanceof Command.Help) {
      return done(new Reply.HelpReply());
    }
    Optional<Command.Name> name = nameOf(command);
    if (name.isPresent() && name.get().switchable() && chat.rules().isPresent()
        && !chat.rules().get().isEnabled(name.get().word())) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, Text.of("error.disabled", name.get().word())));
    }
    if (command instanceof Command.Link c) {
      return done(link(c, chat));
    }
    if (command instanceof Command.ShowLink) {
      return done(withCommunity(c -> linkSeen(c, requester, requester.userId())
          .<Reply>map(h -> Reply.Note.of("link.show", typed(h))).orElseGet(() -> Reply.Note.of("link.none"))));
    }
    if (command instanceof Command.Unlink) {
      return done(withCommunity(c -> Reply.Note.of(c.unlink(requester.platform(), requester.userId())
          ? "link.removed" : "link.none")));
    }
    return lookup(command, chat);
  }

  /** The command as the settings' {@code commands} key names it; the buttons count as their lookup. */
  private static Optional<Command.Name> nameOf(Command command) {
    Reply.Focus focus = null;
    if (command instanceof Command.Influence) {
      focus = Reply.Focus.INFLUENCE;
    } else if (command instanceof Command.Authenticity) {
      focus = Reply.Focus.AUTHENTICITY;
    } else if (command instanceof Command.Linked c) {
      focus = c.focus();
    } else if (command instanceof Command.Press c) {
      focus = c.button().focus();
    } else if (command instanceof Command.Compare) {
      return Optional.of(Command.Name.COMPARE);
    } else if (command instanceof Command.Link || command instanceof Command.ShowLink
        || command instanceof Command.Unlink) {
      return Optional.of(Command.Name.LINK);
    }
    if (focus == null) {
      return Optional.empty();
    }
    return Optional.of(focus == Reply.Focus.INFLUENCE ? Command.Name.INFLUENCE : Command.Name.AUTHENTICITY);
  }

  // --- lookups ---

  /**
   * Inline mode: the typed text once it is one handle (no budget spent while it is not), under the inline
   * budget; from the cache when the summary is there (most inline queries), else computed once and cached.
   */
  private CompletableFuture<Reply> inline(Command.Inline c, Requester requester) {
    String typed = c.typed().strip();
    if (typed.isEmpty() || typed.split("\\s+").length != 1) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, Text.of("inline.oneHandle")));
    }
    Handle handle;
    try {
      handle = HandleParser.parse(typed);
    } catch (InvalidHandleException e) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, e.reason()));
    }
    OptionalLong wait = limits.tryInline(requester.user());
    if (wait.isPresent()) {
      return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.rateLimited", wait.getAsLong())));
    }
    return service.cachedNow(handle)
        .map(l -> done((Reply) new Reply.SummaryReply(l, Reply.Focus.INFLUENCE, false)))
        .orElseGet(() -> summary(handle, Reply.Focus.INFLUENCE, false));
  }

  private CompletableFuture<Reply> lookup(Command command, Chat chat) {
    Requester requester = chat.requester();
    boolean refresh = command instanceof Command.Press p && p.button().action() == Button.Action.REFRESH;
    // A chat's cooldown protects a shared chat from one member's flood; in a private chat (the console
    // included) the asker is their own moderator, and the core's own limits still apply.
    if (!refresh && chat.rules().isPresent() && !requester.privateChat()) {
      OptionalLong wait = cooldowns.tryLookup(requester.scope(), requester.user(), chat.rules().get().cooldown());
      if (wait.isPresent()) {
        return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.rateLimited", wait.getAsLong())));
      }
    }
    if (refresh) {
      Button b = ((Command.Press) command).button();
      OptionalLong wait = limits.tryRefresh(requester.user());
      if (wait.isPresent()) {
        return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.refreshCooldown", wait.getAsLong())));
      }
      return service.refresh(b.handle()).thenApply(l -> (Reply) new Reply.SummaryReply(l, b.focus(), false));
    }
    OptionalLong wait = limits.tryRequest(requester.user(), requester.scope());
    if (wait.isPresent()) {
      return done(new ErrorReply(ErrorKind.RATE_LIMITED, Text.of("error.rateLimited", wait.getAsLong())));
    }
    try {
      if (command instanceof Command.Influence c) {
        return summary(parse(c.handle(), chat), Reply.Focus.INFLUENCE, c.details());
      }
      if (command instanceof Command.Authenticity c) {
        return summary(parse(c.handle(), chat), Reply.Focus.AUTHENTICITY, c.details());
      }
      if (command instanceof Command.Press c) {
        return summary(c.button().handle(), c.button().focus(), true);
      }
      if (command instanceof Command.Linked c) {
        return linked(c, chat);
      }
      Command.Compare c = (Command.Compare) command;
      Handle first = parse(c.first(), chat);
      Handle second = parse(c.second(), chat);
      if (first.key().equals(second.key())) {
        return done(new ErrorReply(ErrorKind.BAD_INPUT, Text.of("compare.same", first.display(), second.display())));
      }
      CompletableFuture<Lookup> a = service.summary(first);
      CompletableFuture<Lookup> b = service.summary(second);
      return a.thenCombine(b, (x, y) -> new Reply.CompareReply(x, y, Comparison.conclude(x.summary(), y.summary())));
    } catch (InvalidHandleException e) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, e.reason()));
    }
  }

  private CompletableFuture<Reply> linked(Command.Linked c, Chat chat) throws InvalidHandleException {
    Requester requester = chat.requester();
    if (community.isEmpty()) {
      return done(unavailable());
    }
    String member = c.member().map(Command.Person::id).orElse(requester.userId());
    Optional<String> linked = linkSeen(community.get(), requester, member);
    if (linked.isEmpty()) {
      Optional<Command.Person> other = c.member().filter(p -> !p.id().equals(requester.userId()));
      return done(other.isPresent()
          ? new ErrorReply(ErrorKind.BAD_INPUT, Text.of("link.missing", other.get().name()))
          : new ErrorReply(ErrorKind.NO_HANDLE, Text.of("link.none")));
    }
    return summary(parse(linked.get(), chat), c.focus(), c.details());
  }

  /** A member's link as the asker's chat sees it (a moderator there may have removed it), or anywhere outside one. */
  private static Optional<String> linkSeen(Community community, Requester requester, String member) {
    return requester.chat().isPresent() ? community.linkIn(requester.platform(), requester.chat().get(), member)
        : community.linkOf(requester.platform(), member);
  }

  private static Handle parse(String text, Chat chat) throws InvalidHandleException {
    Handle h = HandleParser.parse(text);
    return chat.defaultNetwork().map(h::orOn).orElse(h);
  }

  private CompletableFuture<Reply> summary(Handle handle, Reply.Focus focus, boolean details) {
    return service.summary(handle).thenApply(l -> new Reply.SummaryReply(l, focus, details));
  }

  /** Remembers the handles a public reply showed, in the form that parses back to them, for autocomplete. */
  private void remember(String scope, Reply reply) {
    if (reply instanceof Reply.SummaryReply r) {
      recent.add(scope, typed(r.lookup().summary().handle()));
    } else if (reply instanceof Reply.CompareReply r) {
      recent.add(scope, typed(r.first().summary().handle()));
      recent.add(scope, typed(r.second().summary().handle()));
    }
  }

  /** A stored handle as a user types it; as stored if it no longer parses. */
  private String typed(String stored) {
    try {
      return typed(HandleParser.parse(stored));
    } catch (InvalidHandleException e) {
      return stored;
    }
  }

  /** A handle as a user types it: bare on the default network, with its network elsewhere. */
  public String typed(Handle handle) {
    boolean onDefault = handle.network().map(n -> n.equals(service.options().defaultNetwork())).orElse(true);
    return onDefault ? handle.display() : handle.toString();
  }

  // --- members' links ---

  private Reply link(Command.Link c, Chat chat) {
    Handle handle;
    try {
      // "@alice" typed in a chat means alice on that chat's network, wherever it is asked about later.
      handle = parse(c.handle(), chat);
    } catch (InvalidHandleException e) {
      return new ErrorReply(ErrorKind.BAD_INPUT, e.reason());
    }
    Requester requester = chat.requester();
    return withCommunity(store -> {
      store.link(requester.platform(), requester.userId(), handle.toString());
      return Reply.Note.of("link.done", typed(handle));
    });
  }

  // --- moderators ---

  private CompletableFuture<Reply> settings(Command.Settings c, Chat chat) {
    Requester requester = chat.requester();
    if (community.isEmpty()) {
      return done(unavailable());
    }
    if (requester.chat().isEmpty()) {
      return done(Reply.Note.of("settings.chatOnly"));
    }
    Community store = community.get();
    String platform = requester.platform();
    String where = requester.chat().get();
    if (c.key().isEmpty() && c.value().isEmpty()) {
      List<Text> lines = new ArrayList<>();
      lines.add(Text.of("settings.title"));
      store.settings(platform, where).forEach(s -> lines.add(Text.of("settings.line", s.key(), s.value())));
      lines.add(Text.of("settings.howTo", store.keys()));
      return done(new Reply.Note(lines));
    }
    if (c.key().isEmpty() || c.value().isEmpty()) {
      return done(Reply.Note.of("settings.valueMissing"));
    }
    String key = c.key().get();
    String value = c.value().get();
    return asModerator(requester, () -> {
      try {
        Community.Setting now = store.change(platform, where, requester.userId(), key, value);
        return Reply.Note.of("settings.changed", now.key(), now.value());
      } catch (Community.InvalidSetting e) {
        return Reply.Note.of("settings.invalid", Clip.clip(key.strip(), QUOTED), Clip.clip(value.strip(), QUOTED),
            e.validValues());
      }
    });
  }

  private CompletableFuture<Reply> removeLink(Command.RemoveLink c, Chat chat) {
    Requester requester = chat.requester();
    if (community.isEmpty()) {
      return done(unavailable());
    }
    if (requester.chat().isEmpty()) {
      return done(Reply.Note.of("settings.chatOnly"));
    }
    return asModerator(requester, () -> Reply.Note.of(community.get().removeLink(requester.platform(),
        requester.chat().get(), requester.userId(), c.member().id()) ? "settings.unlinked" : "settings.notLinked",
        c.member().name()));
  }

  /**
   * {@code /members}: moderators only, in a server or group; the platform's roster reads the members, then the
   * audit runs on its own thread.
   */
  private CompletableFuture<Reply> auditMembers(Command.AuditMembers c, Requester requester) {
    if (requester.platform().equals("console")) {
      return done(Reply.Note.of("members.console"));
    }
    if (requester.chat().isEmpty() || requester.privateChat()) {
      return done(Reply.Note.of("members.chatOnly"));
    }
    MemberRoster roster = rosters.get(requester.platform());
    if (roster == null || memberAudits.isEmpty()) {
      return done(new ErrorReply(ErrorKind.BAD_INPUT, Text.of("members.unavailable")));
    }
    MemberAudits audits = memberAudits.get();
    String where = requester.chat().get();
    return requester.permissions().moderator().thenCompose(allowed -> !allowed
        ? done((Reply) Reply.Note.of("members.refused"))
        : roster.roster(requester)
            .thenCompose(r -> audits.audit(requester.platform(), where, r))
            .<Reply>thenApply(a -> new Reply.MemberAuditReply(a, c.list())));
  }

  private static CompletableFuture<Reply> asModerator(Requester requester, Supplier<Reply> work) {
    return requester.permissions().moderator()
        .thenApply(allowed -> allowed ? work.get() : Reply.Note.of("settings.refused"));
  }

  // --- the owner ---

  private Reply debug(Requester requester) {
    if (!requester.permissions().owner()) {
      return Reply.Note.of("debug.refused");
    }
    if (!requester.privateChat()) {
      // The report names the configuration: never in a group, where others read along.
      return Reply.Note.of("debug.privateOnly");
    }
    return new Reply.DebugReply(debugReport.get());
  }

  private Reply withCommunity(java.util.function.Function<Community, Reply> work) {
    return community.map(work).orElseGet(CommandRunner::unavailable);
  }

  private static Reply unavailable() {
    return new ErrorReply(ErrorKind.BAD_INPUT, Text.of("command.error.noStore"));
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
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
    if (cause instanceof MemberRoster.Unavailable u) {
      return new ErrorReply(ErrorKind.BAD_INPUT, u.reason());
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
    return nf.handle().network().filter(Handle.NETWORKS::contains)
        .map(n -> Text.of("error.notFoundOn", display, nf.source(), Text.of("network." + n)))
        .orElseGet(() -> Text.of("error.notFound", display, nf.source()));
  }


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
