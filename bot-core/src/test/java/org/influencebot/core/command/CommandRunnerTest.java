package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: every command answered by the core, the same for every platform; adapters give only who
 * asks, where, and what they may do.
 */
class CommandRunnerTest {
  private final AtomicLong nanos = new AtomicLong();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
  private final InfluenceService service = new InfluenceService(new SampleSource(),
      new Analyzer(new RuleFakeScorer(clock.instant()), clock), Runnable::run, nanos::get, clock,
      InfluenceService.Options.defaults());
  private final MemoryCommunity community = new MemoryCommunity();
  private final RequestLimits limits = new RequestLimits(
      new RequestLimits.Options(3, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), Duration.ofSeconds(30)),
      nanos::get);
  private final CommandRunner runner = new CommandRunner(service, limits, community, () -> "report");

  private static Requester member(String platform, String user, String chat) {
    return Requester.member(platform, user, chat);
  }

  private static Requester with(Requester r, boolean privateChat, boolean moderator, boolean owner) {
    return new Requester(r.platform(), r.userId(), r.chat(), r.channel(), privateChat,
        Permissions.of(moderator, owner));
  }

  private Reply reply(Command c, Requester r) {
    return runner.answer(c, r).reply().join();
  }

  private static String text(Reply reply) {
    return reply.accept(new TextOf());
  }

  /** The sentence keys of a note or an error, to compare with the spec's sentences. */
  private static final class TextOf implements Reply.Visitor<String> {
    @Override
    public String summary(Reply.SummaryReply r) {
      return "summary " + r.lookup().summary().handle() + (r.details() ? " details" : "");
    }

    @Override
    public String compare(Reply.CompareReply r) {
      return "compare";
    }

    @Override
    public String help(Reply.HelpReply r) {
      return "help";
    }

    @Override
    public String note(Reply.Note r) {
      return String.join("|", r.lines().stream().map(Text::key).toList());
    }

    @Override
    public String debug(Reply.DebugReply r) {
      return "debug " + r.report();
    }

    @Override
    public String notHere(Reply.NotHere r) {
      return "not here " + r.channels();
    }

    @Override
    public String error(Reply.ErrorReply r) {
      return r.message().key();
    }

    @Override
    public String memberAudit(Reply.MemberAuditReply r) {
      return "members " + r.audit().report().total() + (r.list() ? " list" : "");
    }
  }

  @Test
  void linkWithoutHandleShowsTheLinkAndUnlinkRemovesItOnEveryPlatform() throws Exception {
    TextCommandParser parser = new TextCommandParser(Optional.empty());
    for (String platform : new String[] {"discord", "telegram", "console"}) {
      Requester me = member(platform, "u1", "c1");
      assertThat(text(reply(parser.parse("/link").orElseThrow(), me))).isEqualTo("link.none");
      assertThat(text(reply(parser.parse("/link @mid_creator").orElseThrow(), me))).isEqualTo("link.done");
      assertThat(text(reply(parser.parse("/link").orElseThrow(), me))).isEqualTo("link.show");
      assertThat(community.linkOf(platform, "u1")).contains("sample:mid_creator");
      assertThat(text(reply(parser.parse("/unlink").orElseThrow(), me))).isEqualTo("link.removed");
      assertThat(community.linkOf(platform, "u1")).isEmpty();
    }
  }

  @Test
  void aLinkIsStoredOnTheChatsDefaultNetworkOnEveryPlatform() {
    for (String platform : new String[] {"discord", "telegram", "console"}) {
      community.set(platform, "c1", new MemoryCommunity.Rules(Optional.empty(), false, Set.of(), Duration.ZERO,
          "bluesky", Set.of()));
      reply(new Command.Link("@alice.bsky.social"), member(platform, "u1", "c1"));
      assertThat(community.linkOf(platform, "u1")).contains("bluesky:alice.bsky.social");
    }
  }

  @Test
  void aMembersLinkedHandleIsLookedUpAndAMissingOneIsNamed() {
    Requester me = member("telegram", "u1", "c1");
    Reply none = reply(new Command.Linked(Reply.Focus.INFLUENCE, false, Optional.empty()), me);
    assertThat(text(none)).isEqualTo("link.none");
    // Its own kind, so that a platform can ask "Which account?" instead (Telegram does).
    assertThat(none).isInstanceOfSatisfying(Reply.ErrorReply.class,
        e -> assertThat(e.kind()).isEqualTo(Reply.ErrorKind.NO_HANDLE));
    assertThat(text(reply(new Command.Linked(Reply.Focus.INFLUENCE, false,
        Optional.of(new Command.Person("u2", "Bob"))), me))).isEqualTo("link.missing");
    community.link("telegram", "u2", "sample:bought_5k");
    assertThat(text(reply(new Command.Linked(Reply.Focus.AUTHENTICITY, false,
        Optional.of(new Command.Person("u2", "Bob"))), me))).isEqualTo("summary sample:bought_5k");
  }

  @Test
  void theChatCooldownActsOnEveryPlatform() {
    for (String platform : new String[] {"discord", "telegram"}) {
      community.set(platform, "c1", new MemoryCommunity.Rules(Optional.empty(), false, Set.of(),
          Duration.ofSeconds(30), "sample", Set.of()));
      Requester me = member(platform, "u1", "c1");
      assertThat(text(reply(new Command.Influence("@mid_creator", false), me))).startsWith("summary");
      Reply again = reply(new Command.Influence("@megastar", false), me);
      assertThat(text(again)).isEqualTo("error.rateLimited");
      assertThat(((Reply.ErrorReply) again).message().args()).containsExactly(30L);
      // Another member of the same chat is not held back.
      assertThat(text(reply(new Command.Influence("@megastar", false), member(platform, "u2", "c1"))))
          .startsWith("summary");
      // Nor is anyone in a private chat, where they are their own moderator.
      Requester alone = with(member(platform, "u3", "c1"), true, true, false);
      reply(new Command.Influence("@mid_creator", false), alone);
      assertThat(text(reply(new Command.Influence("@megastar", false), alone))).startsWith("summary");
    }
  }

  @Test
  void privateRepliesActOnEveryPlatformAndNeverFeedAutocomplete() {
    for (String platform : new String[] {"discord", "telegram"}) {
      community.set(platform, "quiet", new MemoryCommunity.Rules(Optional.of(Locale.FRENCH), true, Set.of(),
          Duration.ZERO, "sample", Set.of()));
      Requester me = member(platform, "u1", "quiet");
      Answer a = runner.answer(new Command.Influence("@bought_5k", false), me);
      a.reply().join();
      assertThat(a.privately()).isTrue();
      assertThat(a.language()).contains(Locale.FRENCH);
      assertThat(runner.suggestions(me, "bought")).isEmpty();
      // Help and notes follow the chat's language too, and are not lookups.
      Answer help = runner.answer(new Command.Help(), me);
      assertThat(help.privately()).isFalse();
      assertThat(help.messages(Messages.english()).locale()).isEqualTo(Locale.FRENCH);
    }
  }

  @Test
  void autocompleteIsScopedToTheServerAndToTheMemberInPrivateChats() {
    Requester inServerA = member("discord", "u1", "serverA");
    reply(new Command.Influence("@mid_creator", false), inServerA);
    assertThat(runner.suggestions(inServerA, "mid")).containsExactly("@mid_creator");
    assertThat(runner.suggestions(member("discord", "u2", "serverB"), "mid")).isEmpty();

    Requester dm = new Requester("discord", "u3", Optional.empty(), "dm", true, Permissions.member());
    reply(new Command.Influence("@megastar", false), dm);
    assertThat(runner.suggestions(dm, "mega")).containsExactly("@megastar");
    Requester otherDm = new Requester("discord", "u4", Optional.empty(), "dm", true, Permissions.member());
    assertThat(runner.suggestions(otherDm, "mega")).isEmpty();
  }

  @Test
  void theDetailsButtonCountsAgainstTheRequestLimitsAndTheCommandSwitch() {
    Requester me = member("telegram", "u1", "c1");
    Command details = new Command.Press(new Button(Button.Action.DETAILS, Reply.Focus.INFLUENCE,
        Handle.of("sample", "mid_creator")));
    for (int i = 0; i < 3; i++) {
      assertThat(text(reply(details, me))).isEqualTo("summary sample:mid_creator details");
    }
    // Three a minute per member in this test's limits: the fourth press waits like a typed lookup.
    assertThat(text(reply(details, me))).isEqualTo("error.rateLimited");

    community.set("telegram", "c2", new MemoryCommunity.Rules(Optional.empty(), false, Set.of(), Duration.ZERO,
        "sample", Set.of("influence")));
    assertThat(text(reply(details, member("telegram", "u2", "c2")))).isEqualTo("error.disabled");
  }

  @Test
  void aCommandSwitchedOffAnswersSoOnEveryPlatformButHelpAndSettingsStayOn() {
    for (String platform : new String[] {"discord", "telegram", "console"}) {
      community.set(platform, "c1", new MemoryCommunity.Rules(Optional.empty(), false, Set.of(), Duration.ZERO,
          "sample", Set.of("compare", "link")));
      Requester me = member(platform, "u1", "c1");
      assertThat(text(reply(new Command.Compare("@a", "@b"), me))).isEqualTo("error.disabled");
      assertThat(text(reply(new Command.Link("@a"), me))).isEqualTo("error.disabled");
      assertThat(text(reply(new Command.Unlink(), me))).isEqualTo("error.disabled");
      assertThat(text(reply(new Command.Help(), me))).isEqualTo("help");
      assertThat(text(reply(Command.Settings.show(), me))).startsWith("settings.title");
    }
  }

  @Test
  void outsideTheAnswerChannelsOnlySettingsAnswer() {
    community.set("discord", "g1", new MemoryCommunity.Rules(Optional.empty(), false, Set.of("42"), Duration.ZERO,
        "sample", Set.of()));
    Requester elsewhere = new Requester("discord", "u1", Optional.of("g1"), "7", false, Permissions.of(true, false));
    assertThat(text(reply(new Command.Influence("@mid_creator", false), elsewhere))).isEqualTo("not here [42]");
    assertThat(text(reply(new Command.Help(), elsewhere))).isEqualTo("not here [42]");
    assertThat(text(reply(new Command.Settings(Optional.of("cooldown"), Optional.of("5")), elsewhere)))
        .isEqualTo("settings.changed");
  }

  @Test
  void onlyModeratorsChangeSettingsAndRemoveLinks() {
    Requester member = member("telegram", "u1", "c1");
    Requester moderator = with(member, false, true, false);
    Command change = new Command.Settings(Optional.of("cooldown"), Optional.of("10"));
    assertThat(text(reply(change, member))).isEqualTo("settings.refused");
    assertThat(community.rules("telegram", "c1").cooldown()).isZero();
    assertThat(text(reply(change, moderator))).isEqualTo("settings.changed");
    assertThat(community.rules("telegram", "c1").cooldown()).isEqualTo(Duration.ofSeconds(10));
    assertThat(text(reply(new Command.Settings(Optional.of("cooldown"), Optional.of("soon")), moderator)))
        .isEqualTo("settings.invalid");
    assertThat(text(reply(new Command.Settings(Optional.of("cooldown"), Optional.empty()), moderator)))
        .isEqualTo("settings.valueMissing");

    community.link("telegram", "u9", "sample:weather_bot");
    Command remove = new Command.RemoveLink(new Command.Person("u9", "Nine"));
    assertThat(text(reply(remove, member))).isEqualTo("settings.refused");
    assertThat(text(reply(remove, moderator))).isEqualTo("settings.unlinked");
    assertThat(community.linkIn("telegram", "c1", "u9")).isEmpty();
    assertThat(text(reply(remove, moderator))).isEqualTo("settings.notLinked");
  }

  @Test
  void inlineModeIsACommandLikeAnyOtherWithItsOwnBudget() {
    Requester inline = new Requester("telegram", "u5", Optional.empty(), "inline", false, Permissions.member());
    // Typed letter by letter: while it is not one handle, a bad input and no budget spent.
    for (int i = 0; i < 40; i++) {
      for (String typing : new String[] {"", "mid_creator details", "<b"}) {
        assertThat(reply(new Command.Inline(typing), inline)).as(typing)
            .isInstanceOfSatisfying(Reply.ErrorReply.class, e -> assertThat(e.kind()).isEqualTo(Reply.ErrorKind.BAD_INPUT));
      }
    }
    // Its own budget (five times the member's 3 requests), never the member's requests.
    for (int i = 0; i < 15; i++) {
      assertThat(reply(new Command.Inline(" @mid_creator "), inline)).isInstanceOfSatisfying(Reply.SummaryReply.class,
          r -> assertThat(r.focus()).isEqualTo(Reply.Focus.INFLUENCE));
    }
    assertThat(text(reply(new Command.Inline("@mid_creator"), inline))).isEqualTo("error.rateLimited");
    assertThat(reply(new Command.Influence("@mid_creator", false), member("telegram", "u5", "c1")))
        .isInstanceOf(Reply.SummaryReply.class);
    // The core's errors, as for any lookup; and nothing typed inline is suggested in a chat.
    assertThat(text(reply(new Command.Inline("@nobody_here"), new Requester("telegram", "u6", Optional.empty(), "inline",
        false, Permissions.member())))).isEqualTo("error.notFound");
    assertThat(runner.suggestions(inline, "mid")).isEmpty();
  }

  @Test
  void aModeratorRemovesALinkFromTheirOwnChatOnly() {
    community.link("discord", "u9", "sample:mid_creator");
    Requester moderatorOfTheirOwnServer = with(member("discord", "m1", "made-for-the-purpose"), false, true, false);
    Command remove = new Command.RemoveLink(new Command.Person("u9", "Nine"));
    assertThat(text(reply(remove, moderatorOfTheirOwnServer))).isEqualTo("settings.unlinked");
    assertThat(community.audit).containsEntry("discord:made-for-the-purpose", "m1 unlinked u9");

    // There the link is no longer used, by the member or by others asking about them.
    Command ownLookup = new Command.Linked(Reply.Focus.INFLUENCE, false, Optional.empty());
    Command aboutThem = new Command.Linked(Reply.Focus.INFLUENCE, false, Optional.of(new Command.Person("u9", "Nine")));
    assertThat(text(reply(ownLookup, member("discord", "u9", "made-for-the-purpose")))).isEqualTo("link.none");
    assertThat(text(reply(aboutThem, member("discord", "u2", "made-for-the-purpose")))).isEqualTo("link.missing");
    // Everywhere else the member's link is theirs as before.
    assertThat(community.linkOf("discord", "u9")).contains("sample:mid_creator");
    assertThat(reply(ownLookup, member("discord", "u9", "home"))).isInstanceOf(Reply.SummaryReply.class);
    assertThat(reply(aboutThem, member("discord", "u2", "home"))).isInstanceOf(Reply.SummaryReply.class);
    assertThat(text(reply(new Command.ShowLink(), member("discord", "u9", "home")))).isEqualTo("link.show");
    // A handle the member links again is theirs there too.
    assertThat(text(reply(new Command.Link("@mid_creator"), member("discord", "u9", "made-for-the-purpose"))))
        .isEqualTo("link.done");
    assertThat(reply(ownLookup, member("discord", "u9", "made-for-the-purpose"))).isInstanceOf(Reply.SummaryReply.class);
  }

  @Test
  void aModeratorCheckAnsweredLaterStillDecides() {
    CompletableFuture<Boolean> asked = new CompletableFuture<>();
    Requester pending = new Requester("telegram", "u1", Optional.of("c1"), "c1", false, new Permissions() {
      @Override
      public CompletableFuture<Boolean> moderator() {
        return asked;
      }

      @Override
      public boolean owner() {
        return false;
      }
    });
    CompletableFuture<Reply> answer = runner.answer(new Command.Settings(Optional.of("cooldown"), Optional.of("3")),
        pending).reply();
    assertThat(answer).isNotDone();
    asked.complete(true);
    assertThat(text(answer.join())).isEqualTo("settings.changed");
  }

  @Test
  void settingsBelongToAChat() {
    Requester dm = new Requester("discord", "u1", Optional.empty(), "dm", true, Permissions.of(true, true));
    assertThat(text(reply(Command.Settings.show(), dm))).isEqualTo("settings.chatOnly");
  }

  @Test
  void debugAnswersOnlyTheOwnerAndOnlyInAPrivateChat() {
    Requester group = member("telegram", "u1", "-100");
    assertThat(text(reply(new Command.Debug(), group))).isEqualTo("debug.refused");
    assertThat(text(reply(new Command.Debug(), with(group, false, true, true)))).isEqualTo("debug.privateOnly");
    assertThat(text(reply(new Command.Debug(), with(group, true, false, false)))).isEqualTo("debug.refused");
    assertThat(text(reply(new Command.Debug(), with(group, true, false, true)))).isEqualTo("debug report");
    assertThat(text(reply(new Command.Debug(), Requester.console()))).isEqualTo("debug report");
  }

  @Test
  void withoutAStoreMemberCommandsSaySoAndLookupsStillAnswer() {
    CommandRunner bare = new CommandRunner(service, limits);
    Requester me = member("console", "local", "local");
    assertThat(text(bare.run(new Command.Link("@a"), me).join())).isEqualTo("command.error.noStore");
    assertThat(text(bare.run(Command.Settings.show(), me).join())).isEqualTo("command.error.noStore");
    assertThat(text(bare.run(new Command.Influence("@mid_creator", false), me).join()))
        .isEqualTo("summary sample:mid_creator");
  }

  @Test
  void aStoreThatCannotBeReadIsASentenceNotASilence() {
    CommandRunner broken = new CommandRunner(service, limits, new MemoryCommunity() {
      @Override
      public ChatRules rules(String platform, String chat) {
        throw new IllegalStateException("disk gone");
      }
    }, () -> "");
    assertThat(text(broken.run(new Command.Help(), member("discord", "u", "g")).join())).isEqualTo("error.internal");
  }

  @Test
  void platformsWordTheCoresSentencesTheirOwnWay() {
    Messages discord = Messages.english().dialect("discord");
    assertThat(discord.get("link.none")).contains("/influence-link");
    assertThat(Messages.english().get("link.none")).contains("/link");
    assertThat(discord.in(Locale.FRENCH).get("link.none")).contains("/influence-lier");
  }

  @Test
  void comparingAnAccountWithItselfSaysItIsOneAccount() {
    Reply same = reply(new Command.Compare("@mid_creator", "MID_CREATOR"), Requester.console());
    assertThat(text(same)).isEqualTo("compare.same");
    assertThat(Messages.english().format(((Reply.ErrorReply) same).message()))
        .isEqualTo("@mid_creator and @MID_CREATOR are the same account: /compare needs two different accounts."
            + " For this one alone: /influence @mid_creator.");
    assertThat(text(reply(new Command.Compare("@mid_creator", "@megastar"), Requester.console()))).isEqualTo("compare");
  }
}
