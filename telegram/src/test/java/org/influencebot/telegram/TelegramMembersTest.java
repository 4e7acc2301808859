package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.influencebot.core.members.Member;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.members.MemberLog;
import org.influencebot.core.members.MemoryMemberLog;
import org.influencebot.core.members.SyntheticCommunity;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Member audits on Telegram against {@link FakeBotApi}: the joins the bot sees as an administrator
 * ({@code chat_member}), the activity it counts from group messages, the audit an administrator's {@code /members}
 * answers in the group, and the members' list sent to that administrator alone.
 */
class TelegramMembersTest {
  private static final long GROUP = -100777;
  private static final long ADMIN = 1001;
  private static final long BOB = 1002;
  private static final long BOT = 42;
  private static final String SINCE = "2026-06-03";
  /** A member id of a built community (they start at 1,000,000): none may appear in the group. */
  private static final Pattern MEMBER_ID = Pattern.compile("\\b1\\d{6}\\b");

  private FakeBotApi api;
  private Harness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private Harness start(MemberLog log, BiFunction<MemberAuditReport, Messages, Optional<byte[]>> chart,
      Duration photoInterval) throws Exception {
    api = new FakeBotApi();
    api.memberStatus = id -> id == BOT || id == ADMIN ? "administrator" : "member";
    api.memberCount = chat -> 9000;
    harness = new Harness(api, api.options().withPacing(new TelegramOptions.Pacing(Duration.ofMillis(20), 600, 30)),
        log, chart);
    harness.bot.usePhotoInterval(photoInterval);
    harness.bot.start();
    return harness;
  }

  private Harness start() throws Exception {
    return start(new MemoryMemberLog(), (r, m) -> Optional.empty(), Duration.ZERO);
  }

  private Instant now() {
    return harness.clock.instant();
  }

  /** The bot made an administrator of the group on {@link #SINCE}. */
  private void botMadeAdministrator() {
    api.botChange(GROUP, ADMIN, "left", "administrator", Instant.parse(SINCE + "T09:00:00Z").getEpochSecond());
  }

  /**
   * A community built over the last 150 days, with a bought wave 12 days ago and an organic burst 50 days ago, seen
   * by the bot as chat_member joins at their times, and its members' messages at their last activity; Telegram
   * shows each member's profile photo as the community says.
   */
  private SyntheticCommunity.Built community(double organicPerDay, int boughtWave) throws InterruptedException {
    SyntheticCommunity.Built c = SyntheticCommunity.build(23, now(), organicPerDay, 150,
        List.of(SyntheticCommunity.Burst.bought(12, boughtWave, 15), SyntheticCommunity.Burst.organic(50, 300, 90)));
    Map<Long, Boolean> photos = new HashMap<>();
    record Event(long at, boolean join, Member m) {}
    List<Event> events = new ArrayList<>();
    for (Member m : c.members()) {
      photos.put(Long.parseLong(m.id()), m.hasAvatar().orElse(false));
      events.add(new Event(m.joinedAt().orElseThrow().getEpochSecond(), true, m));
      m.lastActiveAt().ifPresent(a -> events.add(new Event(a.getEpochSecond(), false, m)));
    }
    api.profilePhotos = user -> photos.getOrDefault(user, false) ? 1 : 0;
    events.sort(Comparator.comparingLong(Event::at).thenComparing(e -> !e.join()));
    botMadeAdministrator();
    int i = 0;
    for (Event e : events) {
      long user = Long.parseLong(e.m().id());
      if (e.join()) {
        api.memberChange(GROUP, user, e.m().bot().orElse(false), "left", "member", e.at());
      } else if (i++ % 2 == 0) {
        api.groupTextAt(GROUP, user, "en", "hello everyone", e.at());
      } else {
        api.groupStickerAt(GROUP, user, e.at()); // not text: counted all the same
      }
    }
    awaitJoinsWritten(c.members().size());
    return c;
  }

  /**
   * Waits (a minute at most) until the bot has written {@code n} joins: thousands of joins, each with its photo
   * asked of the fake, take a few seconds on a busy machine, and a reply is awaited 10 s at most.
   */
  private void awaitJoinsWritten(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (harness.members.log().members("telegram", Long.toString(GROUP)).size() < n) {
      assertThat(System.nanoTime()).as("joins written within a minute").isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** The group's reply to a /members: every message (and photo) up to the last line, what the audit cannot see. */
  private List<FakeBotApi.Call> groupReply(Messages m) throws InterruptedException {
    String last = TelegramHtml.escape(m.get("members.cannot_see"));
    List<FakeBotApi.Call> calls = new ArrayList<>();
    do {
      calls.add(api.next(c -> c.chatId() == GROUP && c.isNewMessage()));
    } while (!calls.get(calls.size() - 1).shown().contains(last));
    return calls;
  }

  private static String shown(List<FakeBotApi.Call> calls) {
    return String.join("\n", calls.stream().map(FakeBotApi.Call::shown).toList());
  }

  @Test
  void anAdministratorsAuditCountsTheJoinsSeenWithTheGroupsCountWavesAndShare() throws Exception {
    start();
    SyntheticCommunity.Built c = community(20, 600);
    assertThat(c.members()).hasSizeGreaterThan(3000);
    api.groupText(GROUP, ADMIN, "en", "/members");

    List<FakeBotApi.Call> reply = groupReply(Messages.english().dialect("telegram"));
    String text = shown(reply);
    // The administrator who asked was seen taking part: a member too, its join unknown.
    String n = Messages.english().number(c.members().size() + 1);
    assertThat(reply.get(0).json().path("reply_parameters").path("message_id").asInt()).as("quotes the question")
        .isPositive();
    assertThat(reply).allSatisfy(r -> assertThat(r.json().path("parse_mode").asText()).isEqualToIgnoringCase("HTML"));
    assertThat(text).startsWith("<b>Member audit: " + n + " members on Nov 1, 2026.</b>\n")
        .contains("Counted from the " + n + " members the bot saw join or take part since " + SINCE
            + " and still here; the group has 9,000 members in all")
        .contains("<b>2 join waves", "members joined within", "with the default avatar", "not seen active since joining")
        .containsPattern("About \\d+% of the [\\d,]+ members who joined in the last 30 days look bought \\(95% interval "
            + "\\d+–\\d+%\\)")
        .contains("Join date unknown: 1.")
        .contains("Members whose account creation date is unknown: " + n + " (Telegram does not show it).")
        .contains("Members whose profile photo is unknown: 1 (")
        .doesNotContain("Activity since joining is not known", "hello everyone");
    assertThat(MEMBER_ID.matcher(text).find()).as("no member's id in the group").isFalse();
    assertThat(NoPingTest.mentions(text)).isEmpty();
    // One photo lookup per join (the budget is open here), none for the messages.
    assertThat(api.all().stream().filter(x -> x.method().equals("getuserprofilephotos"))).hasSize(c.members().size());
    assertThat(api.all().stream().filter(x -> x.method().equals("getchatmembercount"))).hasSize(1);
    // The polls asked for the member updates Telegram sends only when asked.
    assertThat(api.lastPoll.path("allowed_updates")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .contains("message", "chat_member", "my_chat_member");
  }

  @Test
  void inFrenchByTheAdministratorsLanguage() throws Exception {
    start();
    SyntheticCommunity.Built c = community(6, 300);
    api.groupText(GROUP, ADMIN, "fr", "/members");

    Messages fr = Messages.forTag("fr").dialect("telegram");
    String text = shown(groupReply(fr));
    assertThat(text).startsWith("<b>Audit des membres : " + fr.number(c.members().size() + 1) + " membres au ")
        .contains("que le bot a vus arriver ou participer depuis le " + SINCE, "le groupe compte " + fr.number(9000) + " membres en tout",
            "2 vagues d", "Telegram ne la montre pas")
        .doesNotContain("Member audit");
  }

  @Test
  void theListGoesToTheAdministratorAloneAndNothingOfItToTheGroup() throws Exception {
    start();
    SyntheticCommunity.Built c = community(20, 600);
    api.groupText(GROUP, ADMIN, "en", "/members list");

    String group = shown(groupReply(Messages.english().dialect("telegram")));
    assertThat(group).contains("<i>The members' list goes to your private chat with me.</i>");
    assertThat(MEMBER_ID.matcher(group).find()).as("no member's id in the group").isFalse();

    FakeBotApi.Call list = api.next(x -> x.chatId() == ADMIN);
    assertThat(list.method()).as("thousands of ids: a file").isEqualTo("senddocument");
    assertThat(list.caption()).contains("Members' list of group Group, audited on 2026-11-01");
    // TelegramBots names the file part after the file, and the document field "attach://" it.
    String attached = list.json().path("document").asText();
    assertThat(attached).isEqualTo("attach://members--100777-2026-11-01.tsv");
    String file = list.json().path(attached.substring("attach://".length()) + "_file").asText();
    assertThat(file).startsWith("id\tjoined\tscore\twave\n");
    // Every bought member of the wave 12 days ago is a recent joiner: all listed, by id.
    for (int i = 0; i < c.members().size(); i++) {
      if (c.bought()[i]) {
        assertThat(file).contains("\n" + c.members().get(i).id() + "\t");
      }
    }
    assertThat(api.all().stream().filter(x -> x.chatId() == GROUP && x.isNewMessage())
        .noneMatch(x -> MEMBER_ID.matcher(x.shown()).find())).isTrue();
  }

  @Test
  void whenTheAdministratorNeverStartedTheBotTheGroupIsToldHowInOneSentence() throws Exception {
    start();
    botMadeAdministrator();
    for (long user = 11; user <= 14; user++) {
      api.memberChange(GROUP, user, false, "left", "member", now().minusSeconds(86_400 * 3 + user).getEpochSecond());
    }
    api.override = x -> x.chatId() == ADMIN && (x.method().equals("sendmessage") || x.method().equals("senddocument"))
        ? Optional.of(FakeBotApi.json(403,
            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot can't initiate conversation with a user\"}"))
        : Optional.empty();
    api.groupText(GROUP, ADMIN, "en", "/members list");

    Messages m = Messages.english().dialect("telegram");
    groupReply(m);
    FakeBotApi.Call told = api.next(x -> x.chatId() == GROUP && x.isNewMessage());
    assertThat(told.text()).startsWith("I cannot send you the members' list yet: open a chat with ")
        .contains("<a href=\"https://t.me/" + FakeBotApi.BOT_NAME + "\">@" + TelegramHtml.WORD_JOINER
            + FakeBotApi.BOT_NAME + "</a>", "press Start")
        .doesNotContain("\t");
    assertThat(told.json().path("reply_parameters").path("message_id").asInt()).isPositive();
    assertThat(NoPingTest.mentions(told.text())).isEmpty();
  }

  @Test
  void aMemberWhoIsNotAnAdministratorIsRefused() throws Exception {
    start();
    botMadeAdministrator();
    api.groupText(GROUP, BOB, "en", "/members list");
    FakeBotApi.Call reply = api.next(x -> x.chatId() == GROUP && x.isNewMessage());
    assertThat(reply.text()).isEqualTo("Only this group's administrators can audit its members.");
    assertThat(api.all().stream().filter(x -> x.chatId() == BOB)).isEmpty();
  }

  @Test
  void aBotThatIsNotAnAdministratorSaysItCannotSeeJoins() throws Exception {
    start();
    api.memberStatus = id -> id == ADMIN ? "creator" : "member"; // the bot too is a plain member
    api.botChange(GROUP, ADMIN, "left", "member", now().minusSeconds(86_400).getEpochSecond());
    api.groupText(GROUP, ADMIN, "en", "/members");
    FakeBotApi.Call reply = api.next(x -> x.chatId() == GROUP && x.isNewMessage());
    assertThat(reply.text()).isEqualTo("I cannot see who joins this group: make me an administrator (no right beyond "
        + "that is needed), and I will audit the joins I see from then on.");
  }

  @Test
  void leavesAndRemovalsTakeMembersOutAndRestrictedMembersStayIn() throws Exception {
    start();
    botMadeAdministrator();
    long at = now().minusSeconds(86_400 * 40).getEpochSecond();
    api.memberChange(GROUP, 11, false, "left", "member", at);
    api.memberChange(GROUP, 12, false, "left", "member", at + 60);
    api.memberChange(GROUP, 13, false, "left", "member", at + 120);
    api.memberChange(GROUP, 14, true, "kicked", "restricted", at + 180); // back in the group, restricted
    api.memberChange(GROUP, 15, false, "left", "restricted-out", at + 200); // restricted, but not in the group
    api.memberChange(GROUP, 12, false, "member", "left", at + 240);
    api.memberChange(GROUP, 13, false, "member", "kicked", at + 300);
    api.memberChange(GROUP, 11, false, "member", "administrator", at + 360); // promoted: no join, no leave
    api.groupText(GROUP, ADMIN, "en", "/members");

    String text = shown(groupReply(Messages.english().dialect("telegram")));
    // 11 and 14 are in the group, and the administrator who asked was seen taking part.
    assertThat(text).startsWith("<b>Member audit: 3 members on Nov 1, 2026.</b>")
        .contains("Counted from the 3 members the bot saw join or take part since " + SINCE);
    assertThat(harness.members.log().members("telegram", Long.toString(GROUP))).extracting(Member::id)
        .containsExactlyInAnyOrder("11", "14", Long.toString(ADMIN));
    assertThat(harness.members.log().members("telegram", Long.toString(GROUP)))
        .filteredOn(x -> x.id().equals("14")).singleElement().satisfies(x -> assertThat(x.bot()).contains(true));
  }

  @Test
  void photosAreAskedWithinTheBudgetAndUnknownBeyondIt() throws Exception {
    start(new MemoryMemberLog(), (r, m) -> Optional.empty(), Duration.ofHours(1));
    botMadeAdministrator();
    api.profilePhotos = user -> 0;
    long at = now().minusSeconds(86_400 * 5).getEpochSecond();
    for (long user = 11; user <= 15; user++) {
      api.memberChange(GROUP, user, false, "left", "member", at + user);
    }
    api.groupText(GROUP, ADMIN, "en", "/members");

    String text = shown(groupReply(Messages.english().dialect("telegram")));
    assertThat(api.all().stream().filter(x -> x.method().equals("getuserprofilephotos"))).singleElement()
        .satisfies(x -> assertThat(x.json().path("limit").asInt()).isEqualTo(1));
    // Four joiners beyond the budget, and the administrator who asked (never a joiner here).
    assertThat(text).contains("Members whose profile photo is unknown: 5 (the bot asks Telegram for at most one new "
        + "member's photo a second).");
    assertThat(harness.members.log().members("telegram", Long.toString(GROUP)))
        .filteredOn(x -> x.hasAvatar().isPresent()).singleElement()
        .satisfies(x -> assertThat(x.hasAvatar()).contains(false));
  }

  @Test
  void theChartOfJoinsIsAPhotoCaptionedWithTheAuditsFirstLines() throws Exception {
    start(new MemoryMemberLog(), org.influencebot.core.chart.Charts::joinsChart, Duration.ZERO);
    community(6, 300);
    api.groupText(GROUP, ADMIN, "en", "/members");

    List<FakeBotApi.Call> reply = groupReply(Messages.english().dialect("telegram"));
    FakeBotApi.Call photo = reply.get(0);
    assertThat(photo.method()).isEqualTo("sendphoto");
    assertThat(photo.body()).contains("filename=\"joins.png\"", "\u0089PNG".substring(1));
    assertThat(photo.caption()).startsWith("<b>Member audit: ").contains("Counted from the ")
        .hasSizeLessThanOrEqualTo(TelegramHtml.CAPTION_LIMIT);
    assertThat(photo.json().path("reply_parameters").path("message_id").asInt()).as("quotes the question")
        .isPositive();
    // The rest of the audit follows as text, the waves and what the audit cannot see included.
    assertThat(reply.subList(1, reply.size())).isNotEmpty()
        .allSatisfy(r -> assertThat(r.method()).isEqualTo("sendmessage"));
    assertThat(shown(reply)).contains("2 join waves", "What the audit cannot see");
  }

  @Test
  void aSlowMemberLogNeverHoldsUpTheAnswersToOtherUpdates() throws Exception {
    CountDownLatch store = new CountDownLatch(1);
    MemoryMemberLog memory = new MemoryMemberLog();
    MemberLog slow = new MemberLog() {
      private void stuck() {
        try {
          store.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void watching(String p, String c, Instant since) {
        stuck();
        memory.watching(p, c, since);
      }

      @Override
      public Optional<Instant> watchingSince(String p, String c) {
        return memory.watchingSince(p, c);
      }

      @Override
      public void joined(String p, String c, Member member) {
        stuck();
        memory.joined(p, c, member);
      }

      @Override
      public void left(String p, String c, String id, Instant at) {
        memory.left(p, c, id, at);
      }

      @Override
      public void active(String p, String c, String id, Instant at) {
        memory.active(p, c, id, at);
      }

      @Override
      public List<Member> members(String p, String c) {
        return memory.members(p, c);
      }

      @Override
      public int leftSince(String p, String c, Instant since) {
        return memory.leftSince(p, c, since);
      }

      @Override
      public void audited(String p, String c, AuditRecord record) {
        memory.audited(p, c, record);
      }

      @Override
      public List<AuditRecord> audits(String p, String c, int limit) {
        return memory.audits(p, c, limit);
      }

      @Override
      public int forgetBefore(Instant before) {
        return memory.forgetBefore(before);
      }
    };
    start(slow, (r, m) -> Optional.empty(), Duration.ZERO);
    try {
      botMadeAdministrator();
      for (long user = 11; user <= 60; user++) {
        api.memberChange(GROUP, user, false, "left", "member", now().minusSeconds(3600 + user).getEpochSecond());
        api.groupTextAt(GROUP, user, "en", "hi", now().minusSeconds(1800).getEpochSecond());
      }
      api.privateText(BOB, "en", "/influence @mid_creator");
      FakeBotApi.Call reply = api.next(x -> x.chatId() == BOB);
      assertThat(reply.text()).contains("mid_creator");
      assertThat(store.getCount()).as("answered while the store was still stuck").isEqualTo(1);
      assertThat(memory.members("telegram", Long.toString(GROUP))).isEmpty();
    } finally {
      store.countDown();
    }
    harness.members.flush();
    assertThat(memory.members("telegram", Long.toString(GROUP))).hasSize(50);
    assertThat(memory.members("telegram", Long.toString(GROUP))).allSatisfy(x -> assertThat(x.lastActiveAt())
        .contains(now().minusSeconds(1800)));
  }
}
