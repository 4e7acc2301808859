package org.influencebot.core.members;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Permissions;
import org.influencebot.core.command.Requester;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.junit.jupiter.api.Test;

/** {@code /members} through the one command model: who may ask, where, what the platform's roster says. */
class MemberAuditsTest {
  private static final Instant NOW = MemberAuditEvaluationTest.NOW;
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final InfluenceService service = new InfluenceService(new SampleSource(),
      new Analyzer(new RuleFakeScorer(NOW), clock), Runnable::run, () -> 0L, clock, InfluenceService.Options.defaults());
  private final RequestLimits limits = new RequestLimits(
      new RequestLimits.Options(3, Duration.ofMinutes(1), 100, Duration.ofMinutes(1), Duration.ofSeconds(30)),
      () -> 0L);
  private final CommandRunner runner = new CommandRunner(service, limits);
  private final MemoryMemberLog log = new MemoryMemberLog();
  private final SyntheticCommunity.Built community = SyntheticCommunity.build(7, NOW, 20, 400,
      List.of(SyntheticCommunity.Burst.bought(5, 1500, 40)));
  private final AtomicInteger rosterCalls = new AtomicInteger();

  MemberAuditsTest() {
    runner.auditMembersWith(new MemberAudits(new MemberAuditor(), log, clock, Runnable::run));
    runner.roster("discord", r -> {
      rosterCalls.incrementAndGet();
      return CompletableFuture.completedFuture(new MemberRoster.Roster(community.members(), OptionalInt.empty(),
          Optional.empty(), MemberRoster.Kind.ALL_MEMBERS));
    });
  }

  private static Requester in(String platform, boolean moderator) {
    return new Requester(platform, "u1", Optional.of("g1"), "c1", false, Permissions.of(moderator, false));
  }

  private Reply run(Requester r, boolean list) {
    return runner.run(new Command.AuditMembers(list), r).join();
  }

  @Test
  void aModeratorGetsTheAuditAndItIsKeptForTheNextOne() {
    Reply first = run(in("discord", true), false);
    Reply.MemberAuditReply a = (Reply.MemberAuditReply) first;
    assertEquals(community.members().size(), a.audit().report().total());
    assertTrue(a.audit().previous().isEmpty());
    assertEquals(1, a.audit().report().waves().size(), "the bought wave is found");
    assertEquals(1, log.audits("discord", "g1", 5).size());

    Reply.MemberAuditReply second = (Reply.MemberAuditReply) run(in("discord", true), false);
    assertTrue(second.audit().previous().isPresent(), "the second audit compares with the first");
    String text = new PlainTextRenderer(clock).render(second, Messages.forLocale(Locale.ENGLISH));
    assertTrue(text.contains("Last audit, 2026-03-01"), text);
    assertFalse(text.contains("Recent joiners and wave members"), "no list unless asked");
  }

  @Test
  void leavesTheBotSawAreCountedBesideTheAudit() {
    log.joined("discord", "g1", new Member("gone", NOW.minus(Duration.ofDays(3)), null, false, false, null));
    log.left("discord", "g1", "gone", NOW.minus(Duration.ofDays(1)));
    log.joined("discord", "g1", new Member("long-gone", NOW.minus(Duration.ofDays(90)), null, false, false, null));
    log.left("discord", "g1", "long-gone", NOW.minus(Duration.ofDays(40)));
    Reply.MemberAuditReply a = (Reply.MemberAuditReply) run(in("discord", true), false);
    assertEquals(OptionalInt.of(1), a.audit().leftRecently());
    List<String> lines = MemberAuditText.lines(a.audit(), Messages.forLocale(Locale.ENGLISH));
    assertEquals("Members the bot saw leave in the last 30 days: 1 (no longer here, so not audited; a bought wave "
        + "removed in bulk shows here).", lines.get(2), String.join("\n", lines));
    MemberAudits.CommunityAudit file = new MemberAudits(new MemberAuditor(), log, clock, Runnable::run).auditNow(
        "console", "file", new MemberRoster.Roster(community.members(), OptionalInt.empty(), Optional.empty(),
            MemberRoster.Kind.FILE));
    assertTrue(file.leftRecently().isEmpty(), "a file says nothing of leaves");
  }

  @Test
  void membersAreRefusedElsewhereAndSaySoInOneSentence() {
    assertEquals(Reply.Note.of("members.refused"), run(in("discord", false), false));
    assertEquals(0, rosterCalls.get(), "nobody's members are read for a refused request");
    Requester dm = new Requester("discord", "u1", Optional.empty(), "dm", true, Permissions.of(true, false));
    assertEquals(Reply.Note.of("members.chatOnly"), run(dm, false));
    assertEquals(Reply.Note.of("members.console"), run(Requester.console(), false));
    Reply telegram = run(in("telegram", true), false);
    assertEquals(new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT, Text.of("members.unavailable")), telegram);
  }

  @Test
  void aRosterThatCannotListSaysWhatToDo() {
    runner.roster("telegram", r -> CompletableFuture.failedFuture(
        new MemberRoster.Unavailable(Text.of("members.unavailable"))));
    Reply reply = run(in("telegram", true), false);
    assertEquals(new Reply.ErrorReply(Reply.ErrorKind.BAD_INPUT, Text.of("members.unavailable")), reply);
  }

  @Test
  void joinsSeenSayFromWhenAndHowManyTheGroupHas() {
    Instant since = NOW.minus(Duration.ofDays(200));
    MemberAudits audits = new MemberAudits(new MemberAuditor(), log, clock, Runnable::run);
    MemberAudits.CommunityAudit a = audits.auditNow("telegram", "-100", new MemberRoster.Roster(
        community.members(), OptionalInt.of(9000), Optional.of(since), MemberRoster.Kind.JOINS_SEEN));
    String text = String.join("\n", MemberAuditText.lines(a, Messages.forLocale(Locale.ENGLISH)));
    assertTrue(text.contains("since 2025-08-13") && text.contains("9,000 members in all"), text);
    String fr = String.join("\n", MemberAuditText.lines(a, Messages.forLocale(Locale.FRENCH)));
    assertTrue(fr.contains("depuis le 2025-08-13"), fr);
  }

  @Test
  void theLogKeepsOneJoinPerMemberAndForgetsWhoLeftLongAgo() {
    Member m = new Member("42", NOW.minus(Duration.ofDays(10)), null, false, false, null);
    log.joined("telegram", "-1", m);
    log.joined("telegram", "-1", m);
    log.active("telegram", "-1", "42", NOW.minus(Duration.ofDays(2)));
    log.active("telegram", "-1", "42", NOW.minus(Duration.ofDays(5)));
    assertEquals(List.of(NOW.minus(Duration.ofDays(2))),
        log.members("telegram", "-1").stream().map(x -> x.lastActiveAt().orElseThrow()).toList());
    log.left("telegram", "-1", "42", NOW.minus(Duration.ofDays(1)));
    assertEquals(List.of(), log.members("telegram", "-1"));
    assertEquals(1, log.leftSince("telegram", "-1", NOW.minus(Duration.ofDays(3))));
    assertEquals(0, log.forgetBefore(NOW.minus(Duration.ofDays(30))));
    assertEquals(1, log.forgetBefore(NOW));
    assertEquals(0, log.leftSince("telegram", "-1", NOW.minus(Duration.ofDays(3))));
  }
}
