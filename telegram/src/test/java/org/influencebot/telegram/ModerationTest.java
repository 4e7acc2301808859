package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.store.AuditEntry;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6 on Telegram, end to end against {@link FakeBotApi}: chat settings, linked handles, /debug. */
class ModerationTest {
  private static final long ALICE = 1001;
  private static final long BOB = 1002;
  private static final long CAROL = 1003;
  private static final long OWNER = 7;
  private static final long GROUP = -100123;
  private static final String BOT = "@" + FakeBotApi.BOT_NAME;
  private static final Scope GROUP_SCOPE = Scope.telegramChat(Long.toString(GROUP));

  @TempDir
  Path dataDir;

  private FakeBotApi api;
  private Harness harness;

  private void start() throws Exception {
    api = new FakeBotApi();
    // Telegram's pacing (one message a second per chat) would only slow these conversations down.
    harness = new Harness(api, api.options().withOwner(OWNER)
        .withPacing(new TelegramOptions.Pacing(java.time.Duration.ofMillis(20), 600, 30)), dataDir);
    harness.bot.start();
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    if (api != null) {
      api.close();
    }
  }

  private String nextText() throws InterruptedException {
    return api.next("sendMessage").text();
  }

  private List<FakeBotApi.Call> sent(String method) {
    return api.all().stream().filter(c -> c.method().equals(method.toLowerCase(Locale.ROOT))).toList();
  }

  @Test
  void groupSettingsAreShownToAnyoneButChangedOnlyByAdministratorsAndTheChangeSurvivesAReopen() throws Exception {
    start();
    api.memberStatus = user -> user == BOB ? "administrator" : user == CAROL ? "creator" : "member";

    api.groupText(GROUP, ALICE, "en", "/settings" + BOT + " language fr");
    assertThat(nextText()).isEqualTo("Only moderators can change the bot's settings here (Manage Server on Discord, "
        + "group administrators on Telegram).");
    FakeBotApi.Call asked = sent("getChatMember").get(0);
    assertThat(asked.json().path("chat_id").asLong()).isEqualTo(GROUP);
    assertThat(asked.json().path("user_id").asLong()).isEqualTo(ALICE);

    api.groupText(GROUP, BOB, "en", "/settings" + BOT + " language fr");
    assertThat(nextText()).isEqualTo("Done: language is now fr.");
    api.groupText(GROUP, CAROL, "en", "/settings" + BOT + " cooldown 30");
    assertThat(nextText()).as("the creator too").isEqualTo("C'est fait : cooldown vaut maintenant 30.");

    api.groupText(GROUP, ALICE, "en", "/settings" + BOT);
    assertThat(nextText()).startsWith("Réglages ici :").contains("language = fr", "cooldown = 30");
    assertThat(sent("getChatMember")).as("showing asks nobody's rights").hasSize(3);

    harness.close();
    harness = null;
    try (Store reopened = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(java.time.Clock.systemUTC()))) {
      assertThat(reopened.settings().settingsOf(GROUP_SCOPE).language()).contains(Locale.FRENCH);
      List<AuditEntry> audit = reopened.audit().recent(GROUP_SCOPE, 10);
      assertThat(audit).extracting(AuditEntry::userId, AuditEntry::key, AuditEntry::newValue)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(Long.toString(CAROL), "cooldown", "30"),
              org.assertj.core.groups.Tuple.tuple(Long.toString(BOB), "language", "fr"));
    }
  }

  @Test
  void inAPrivateChatTheUserIsItsModeratorAndBadValuesAreEscaped() throws Exception {
    start();
    api.privateText(ALICE, "en", "/settings language fr");
    assertThat(nextText()).isEqualTo("Done: language is now fr.");
    api.privateText(ALICE, "en", "/settings commands <b>&");
    assertThat(nextText()).startsWith("Le réglage « commands » ne peut pas valoir « &lt;b&gt;&amp; ».")
        .doesNotContain("<b>");
    assertThat(sent("getChatMember")).isEmpty();
  }

  @Test
  void theChatLanguageOverridesTheUsersOwn() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "language", "fr");
    api.groupText(GROUP, ALICE, "en", "/help" + BOT);
    assertThat(nextText()).contains("influence-bot dit à quel point un compte est influent");
    api.privateText(ALICE, "en", "/help");
    assertThat(nextText()).as("other chats keep the user's language")
        .contains("influence-bot tells how influential an account is");
  }

  @Test
  void influenceAloneUsesTheAskersLinkUntilUnlinked() throws Exception {
    start();
    api.privateText(ALICE, "en", "/influence");
    assertThat(nextText()).startsWith("Which account?");
    api.privateText(ALICE, "en", "/link <b>x");
    assertThat(nextText()).doesNotStartWith("Linked").doesNotContain("<b>");
    api.privateText(ALICE, "en", "/link @mid_creator");
    assertThat(nextText()).isEqualTo("Linked: you are now @\u2060mid_creator here. /unlink removes the link.");
    api.privateText(ALICE, "en", "/link");
    assertThat(nextText()).isEqualTo("You are linked to @\u2060mid_creator. /unlink removes it.");
    api.privateText(ALICE, "en", "/influence");
    assertThat(nextText()).startsWith("<b>@\u2060mid_creator · Camille (illustration)</b>\nInfluence ");
    api.privateText(ALICE, "en", "/unlink");
    assertThat(nextText()).isEqualTo("Your link is removed.");
    api.privateText(ALICE, "en", "/influence");
    assertThat(nextText()).startsWith("Which account?");
  }

  @Test
  void influenceInAReplyIsAboutTheLinkOfTheUserRepliedTo() throws Exception {
    start();
    api.groupText(GROUP, BOB, "en", "/link" + BOT + " @bought_5k");
    assertThat(nextText()).startsWith("Linked: you are now @\u2060bought_5k here.");
    api.groupReply(GROUP, ALICE, "en", "/influence" + BOT, BOB);
    assertThat(nextText()).startsWith("<b>@\u2060bought_5k");
    api.groupReply(GROUP, ALICE, "en", "/influence" + BOT, CAROL);
    assertThat(nextText()).isEqualTo("@\u2060user1003 has not linked a social handle. They can do it with /link @\u2060theirhandle.");
  }

  @Test
  void aCommandSwitchedOffByTheModeratorsSaysSo() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "commands", "influence");
    api.groupText(GROUP, ALICE, "en", "/compare" + BOT + " @mid_creator @bought_5k");
    assertThat(nextText()).isEqualTo("The /compare command is switched off in this chat by its moderators.");
    api.groupText(GROUP, ALICE, "en", "/link" + BOT + " @mid_creator");
    assertThat(nextText()).isEqualTo("The /link command is switched off in this chat by its moderators.");
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    assertThat(nextText()).startsWith("<b>@\u2060mid_creator");
  }

  @Test
  void inAGroupLeftOutOfTheAnswerChatsTheBotIsSilentButSettingsStillAnswer() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "channels", "-100999");
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    api.groupText(GROUP, ALICE, "en", "/settings" + BOT);
    assertThat(nextText()).startsWith("Settings here:").contains("channels = -100999");
    // A chat's replies go out in the order of its messages: once the settings are answered, the lookup
    // before them was handled, and it sent nothing. No waiting needed to prove the silence.
    assertThat(sent("sendMessage")).hasSize(1);
  }

  @Test
  void debugIsForTheOwnerOnlyEscapedAndSplitAndStatusStillWorks() throws Exception {
    start();
    String line = "  cache <b>&</b> " + "x".repeat(90);
    harness.debugReport = "influence-bot test\n" + (line + "\n").repeat(60);
    api.privateText(ALICE, "en", "/debug");
    assertThat(nextText()).isEqualTo("Only the bot's owner can use /debug.");
    api.privateText(OWNER, "en", "/debug");
    String first = nextText();
    String second = nextText();
    assertThat(first).startsWith("influence-bot test\n").contains("cache &lt;b&gt;&amp;&lt;/b&gt;").doesNotContain("<b>");
    assertThat(first.length()).isLessThanOrEqualTo(TelegramHtml.MESSAGE_LIMIT);
    assertThat(second).contains("cache &lt;b&gt;");
    assertThat((first + "\n" + second).lines().filter(l -> l.contains("cache")).count()).isEqualTo(60);
  }

  // --- issue 14: the same rules as on every platform, answered by the core ---

  @Test
  void theDetailsButtonCountsAgainstTheMembersRequestLimitLikeATypedLookup() throws Exception {
    start();
    // Twelve presses by one member (the case that once queued 24 messages and silenced the group).
    for (int i = 0; i < 12; i++) {
      api.buttonPress(ALICE, GROUP, "ib:di:sample:bot_amplified");
    }
    List<String> toasts = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      toasts.add(api.next("answerCallbackQuery").json().path("text").asText(""));
    }
    // Six lookups a minute per member (the core's default): the other six are refused on the button.
    assertThat(toasts.stream().filter(t -> t.startsWith("You are asking a bit fast"))).hasSize(6);
    api.groupText(GROUP, BOB, "en", "/help" + BOT);
    // The help is the only new message: each press that went through edited its summary in place, and a
    // chat's requests go out in order, so all six edits were made before the help.
    assertThat(nextText()).startsWith("influence-bot tells");
    assertThat(sent("editMessageText")).hasSize(6)
        .allSatisfy(c -> assertThat(c.text()).startsWith("<b>@\u2060bot_amplified"));
  }

  @Test
  void theChatsCooldownHoldsBackAMembersNextLookup() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "cooldown", "30");
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    assertThat(nextText()).startsWith("<b>@\u2060mid_creator");
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @megastar");
    assertThat(nextText()).isEqualTo("You are asking a bit fast: try again in 30 s.");
    api.groupText(GROUP, BOB, "en", "/influence" + BOT + " @megastar");
    assertThat(nextText()).as("another member").startsWith("<b>@\u2060megastar");
  }

  @Test
  void withPrivateRepliesALookupInAGroupIsAnsweredInTheAskersPrivateChat() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "private-replies", "on");
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(ALICE);
    assertThat(reply.text()).startsWith("<b>@\u2060mid_creator");
    api.groupText(GROUP, ALICE, "en", "/help" + BOT);
    assertThat(api.next("sendMessage").chatId()).as("help is no lookup: in the group").isEqualTo(GROUP);
  }

  @Test
  void aPrivateReplyTelegramRefusesBecauseTheAskerNeverStartedTheBotIsExplainedInTheGroup() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "private-replies", "on");
    api.override = c -> c.chatId() == ALICE && (c.method().equals("sendmessage") || c.method().equals("sendphoto"))
        ? Optional.of(FakeBotApi.json(403,
            "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot can't initiate conversation with a user\"}"))
        : Optional.empty();
    api.groupText(GROUP, ALICE, "en", "/influence" + BOT + " @mid_creator");
    FakeBotApi.Call notice = api.next("sendMessage");
    assertThat(notice.chatId()).isEqualTo(GROUP);
    assertThat(notice.text()).isEqualTo("The moderators here want lookups answered in private, but I cannot write to "
        + "you yet: open a chat with <a href=\"https://t.me/" + FakeBotApi.BOT_NAME + "\">@\u2060" + FakeBotApi.BOT_NAME
        + "</a>, press Start, then ask again.");
    assertThat(notice.json().path("reply_parameters").path("message_id").isInt()).as("it answers the question").isTrue();
  }

  @Test
  void aLinkTypedWithoutANetworkTakesTheChatsNetwork() throws Exception {
    start();
    harness.store.settings().change(GROUP_SCOPE, "1", "network", "bluesky");
    api.groupText(GROUP, ALICE, "en", "/link" + BOT + " @alice.bsky.social");
    assertThat(nextText()).isEqualTo("Linked: you are now bluesky:alice.bsky.social here. /unlink removes the link.");
    assertThat(harness.store.links().linkOf(new org.influencebot.store.Member(org.influencebot.store.Platform.TELEGRAM,
        Long.toString(ALICE))).orElseThrow().handle()).isEqualTo("bluesky:alice.bsky.social");
  }

  @Test
  void debugAnswersTheOwnerOnlyInAPrivateChat() throws Exception {
    start();
    harness.debugReport = "influence-bot test";
    api.groupText(GROUP, OWNER, "en", "/debug" + BOT);
    assertThat(nextText()).isEqualTo("/debug answers only in a private chat with the bot: its report names the "
        + "configuration.");
    api.privateText(OWNER, "en", "/debug");
    assertThat(nextText()).isEqualTo("influence-bot test");
  }

  @Test
  void forgedButtonDataIsParsedAsAHandleAndRefused() throws Exception {
    start();
    api.buttonPress(ALICE, GROUP, "ib:di:sample:<b>x</b>");
    assertThat(api.next("answerCallbackQuery").json().path("text").asText()).startsWith("This button has expired");
    api.groupText(GROUP, ALICE, "en", "/help" + BOT);
    assertThat(nextText()).as("nothing was posted for the forged button").startsWith("influence-bot tells");
  }
}
