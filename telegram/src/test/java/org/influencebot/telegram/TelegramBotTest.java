package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real TelegramBots client against {@link FakeBotApi}: what users see in each kind of chat. */
class TelegramBotTest {
  private static final long ALICE = 1001;
  private static final long GROUP = -100123;

  private FakeBotApi api;
  private Harness harness;

  private TelegramBot start(TelegramOptions options, java.util.function.Function<org.influencebot.core.analysis.Summary,
      Optional<byte[]>> charts) throws Exception {
    api = api == null ? new FakeBotApi() : api;
    harness = new Harness(api, options, charts);
    harness.bot.start();
    return harness.bot;
  }

  private TelegramBot start() throws Exception {
    api = new FakeBotApi();
    return start(api.options(), Harness.noCharts());
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

  private static List<String> buttonData(FakeBotApi.Call call) {
    List<String> data = new ArrayList<>();
    for (JsonNode row : call.json().path("reply_markup").path("inline_keyboard")) {
      for (JsonNode button : row) {
        data.add(button.path("text").asText() + "=" + button.path("callback_data").asText());
      }
    }
    return data;
  }

  @Test
  void startSetsTheCommandMenuInEnglishByDefaultAndInFrench() throws Exception {
    start();
    FakeBotApi.Call first = api.next("setMyCommands");
    FakeBotApi.Call firstAdmins = api.next("setMyCommands");
    FakeBotApi.Call second = api.next("setMyCommands");
    FakeBotApi.Call secondAdmins = api.next("setMyCommands");
    assertThat(first.json().has("language_code")).isFalse();
    assertThat(first.json().has("scope")).as("everyone's menu").isFalse();
    assertThat(first.json().path("commands").findValuesAsText("command"))
        .containsExactly("influence", "authenticity", "compare", "link", "unlink", "settings", "help");
    assertThat(first.json().path("commands").get(2).path("description").asText()).isEqualTo("Compare two accounts");
    // /members only in the menu of groups' administrators, who alone may ask it.
    assertThat(firstAdmins.json().path("scope").path("type").asText()).isEqualTo("all_chat_administrators");
    assertThat(firstAdmins.json().has("language_code")).isFalse();
    assertThat(firstAdmins.json().path("commands").findValuesAsText("command"))
        .containsExactly("influence", "authenticity", "compare", "link", "unlink", "settings", "members", "help");
    assertThat(second.json().path("language_code").asText()).isEqualTo("fr");
    assertThat(second.json().has("scope")).isFalse();
    assertThat(second.json().path("commands").get(2).path("description").asText()).isEqualTo("Comparer deux comptes");
    assertThat(secondAdmins.json().path("language_code").asText()).isEqualTo("fr");
    assertThat(secondAdmins.json().path("scope").path("type").asText()).isEqualTo("all_chat_administrators");
    assertThat(secondAdmins.json().path("commands").findValuesAsText("command")).contains("members");
    assertThat(harness.bot.username()).contains(FakeBotApi.BOT_NAME);
  }

  @Test
  void privateInfluenceCommandGetsAnHtmlSummaryWithDetailsAndRefreshButtons() throws Exception {
    start();
    api.privateText(ALICE, "en", "/influence @mid_creator");
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(ALICE);
    assertThat(reply.json().path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
    assertThat(reply.json().has("reply_parameters")).as("no quote in a private chat").isFalse();
    assertThat(reply.text()).startsWith("<b>@\u2060mid_creator · Camille (illustration)</b>\nInfluence ")
        .contains("<b>Influence components</b>", "<b>Authenticity signals</b>", "Press Details for every signal.")
        .hasSizeLessThanOrEqualTo(4096);
    assertThat(buttonData(reply)).containsExactly("Details=ib:di:sample:mid_creator", "Refresh=ib:ri:sample:mid_creator");
  }

  @Test
  void bareHandleInPrivateChatIsReadAsInfluenceInTheUsersLanguage() throws Exception {
    start();
    api.privateText(ALICE, "fr", "@megastar");
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.text()).startsWith("<b>@\u2060megastar").contains("Abonnés : ", "<b>Signaux d'authenticité</b>");
    assertThat(buttonData(reply)).containsExactly("Détails=ib:di:sample:megastar", "Actualiser=ib:ri:sample:megastar");
  }

  @Test
  void markupInDataAndInEchoedInputIsEscaped() throws Exception {
    start();
    api.privateText(ALICE, "en", "/influence @tricky");
    FakeBotApi.Call summary = api.next("sendMessage");
    assertThat(summary.text()).startsWith("<b>@\u2060tricky · &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</b>")
        .doesNotContain("<b>Tom");

    api.privateText(ALICE, "en", "/influence <b>&");
    FakeBotApi.Call error = api.next("sendMessage");
    assertThat(error.text()).contains("&lt;b&gt;&amp;").doesNotContain("<b>&");
    assertThat(error.json().has("reply_markup")).isFalse();
  }

  @Test
  void inGroupsOnlyCommandsAddressedToThisBotAreAnswered() throws Exception {
    start();
    api.groupText(GROUP, ALICE, "en", "/influence@OtherBot @mid_creator");
    api.groupText(GROUP, ALICE, "en", "/frobnicate"); // maybe another bot's: no answer
    api.groupText(GROUP, ALICE, "en", "just chatting");
    api.groupText(GROUP, ALICE, "en", "/authenticity@" + FakeBotApi.BOT_NAME + " @bought_5k");
    FakeBotApi.Call reply = api.next("sendMessage");
    assertThat(reply.chatId()).isEqualTo(GROUP);
    assertThat(reply.json().path("reply_parameters").path("message_id").asInt()).as("quotes the question").isPositive();
    assertThat(reply.text()).startsWith("<b>@\u2060bought_5k").contains("<b>Authenticity signals</b>")
        .doesNotContain("Influence components");
    assertThat(buttonData(reply)).containsExactly("Details=ib:da:sample:bought_5k", "Refresh=ib:ra:sample:bought_5k");

    api.groupText(GROUP, ALICE, "en", "/compare@" + FakeBotApi.BOT_NAME + " @mid_creator @bought_5k");
    FakeBotApi.Call compare = api.next("sendMessage");
    assertThat(compare.text()).contains("<b>@\u2060mid_creator", "<b>@\u2060bought_5k", "more influential");
    assertThat(api.all().stream().filter(c -> c.method().equals("sendmessage"))).hasSize(2);
  }

  @Test
  void startAndHelpListTheCommands() throws Exception {
    start();
    api.privateText(ALICE, "en", "/start");
    FakeBotApi.Call help = api.next("sendMessage");
    assertThat(help.text()).contains("<code>/influence @handle</code>", "<code>/compare @a @b</code>",
        "type @ and the bot's name");
  }

  @Test
  void inlineQueryIsAnsweredWithAShareableArticle() throws Exception {
    start();
    api.inlineQuery(ALICE, "en", "megastar");
    FakeBotApi.Call answer = api.next("answerInlineQuery");
    JsonNode results = answer.json().path("results");
    assertThat(results).hasSize(1);
    JsonNode article = results.get(0);
    assertThat(article.path("type").asText()).isEqualTo("article");
    assertThat(article.path("title").asText()).startsWith("@megastar");
    assertThat(article.path("description").asText()).startsWith("Influence ");
    assertThat(article.path("input_message_content").path("parse_mode").asText()).isEqualToIgnoringCase("HTML");
    assertThat(article.path("input_message_content").path("message_text").asText()).startsWith("<b>@\u2060megastar")
        .hasSizeLessThanOrEqualTo(4096);

    api.inlineQuery(ALICE, "en", "tricky");
    JsonNode tricky = api.next("answerInlineQuery").json().path("results").get(0);
    assertThat(tricky.path("input_message_content").path("message_text").asText())
        .contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
  }

  @Test
  void refreshButtonRefreshesOnceThenAnswersWithTheCooldown() throws Exception {
    start();
    api.buttonPress(ALICE, ALICE, "ib:ri:sample:mid_creator");
    FakeBotApi.Call first = api.next("answerCallbackQuery");
    assertThat(first.json().path("text").asText()).isEqualTo("Refreshed.");
    // The message the button is under is edited in place, not followed by a new one.
    FakeBotApi.Call fresh = api.next("editMessageText");
    assertThat(fresh.text()).startsWith("<b>@\u2060mid_creator");
    assertThat(fresh.chatId()).isEqualTo(ALICE);
    assertThat(fresh.json().path("message_id").asInt()).isEqualTo(77);
    assertThat(buttonData(fresh)).containsExactly("Details=ib:di:sample:mid_creator", "Refresh=ib:ri:sample:mid_creator");

    api.buttonPress(ALICE, ALICE, "ib:ri:sample:mid_creator");
    FakeBotApi.Call second = api.next("answerCallbackQuery");
    assertThat(second.json().path("text").asText()).matches("This summary was refreshed recently: you can refresh again in \\d+ s\\.")
        .hasSizeLessThanOrEqualTo(200);
  }

  @Test
  void detailsButtonSendsEverySignalAndUnknownButtonsSayTheyExpired() throws Exception {
    start();
    api.buttonPress(ALICE, GROUP, "ib:di:sample:bot_amplified");
    api.next("answerCallbackQuery");
    FakeBotApi.Call details = api.next("editMessageText");
    assertThat(details.chatId()).isEqualTo(GROUP);
    assertThat(details.json().path("message_id").asInt()).isEqualTo(77);
    assertThat(details.text()).contains("Follower audit", "Growth anomalies", "Engagement check", "Amplification check",
        "The account itself").doesNotContain("Press Details");
    assertThat(buttonData(details)).containsExactly("Refresh=ib:ri:sample:bot_amplified");

    api.buttonPress(ALICE, ALICE, "xx|garbage");
    assertThat(api.next("answerCallbackQuery").json().path("text").asText()).startsWith("This button has expired");
  }

  @Test
  void a429IsWaitedOutAndTheReplyStillArrives() throws Exception {
    api = new FakeBotApi();
    AtomicBoolean limited = new AtomicBoolean();
    api.override = c -> c.method().equals("sendmessage") && limited.compareAndSet(false, true)
        ? Optional.of(FakeBotApi.tooManyRequests(3)) : Optional.empty();
    // The sender's time, and the time the fake Bot API notes each request at, move only when the test moves them.
    AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    api.clock = nanos::get;
    harness = new Harness(api, api.options(), Harness.noCharts());
    harness.bot.useNanoTime(nanos::get);
    harness.bot.start();
    api.privateText(ALICE, "en", "/influence @small_person");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (harness.bot.sender().waited429() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(harness.bot.sender().waited429()).as("the 429 was read").isEqualTo(1);
    // Until Telegram's retry_after (3 s, longer than a chat's 1 s between messages) has passed on the
    // sender's clock, the reply is not sent again: the clock moves half a second at a time.
    Optional<FakeBotApi.Call> reply = api.poll("sendMessage", Duration.ofMillis(200));
    for (int step = 1; reply.isEmpty() && step <= 20; step++) {
      nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
      harness.bot.wakeSender();
      reply = api.poll("sendMessage", Duration.ofMillis(step < 6 ? 200 : 2000));
    }
    assertThat(reply).as("the reply once retry_after has passed").isPresent();
    assertThat(reply.get().text()).startsWith("<b>@\u2060small_person");
    FakeBotApi.Call refused = api.all().stream().filter(c -> c.method().equals("sendmessage")).findFirst().orElseThrow();
    assertThat(refused.text()).isEqualTo(reply.get().text());
    assertThat(Duration.ofNanos(reply.get().atNanos() - refused.atNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(api.all().stream().filter(c -> c.method().equals("sendmessage"))).hasSize(2);
  }

  @Test
  void aSummaryWithAChartIsOnePhotoWhoseEscapedCaptionIsTheSummary() throws Exception {
    api = new FakeBotApi();
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'c', 'h', 'a', 'r', 't'};
    start(api.options(), s -> s.handle().name().equals("tricky") ? Optional.of(png) : Optional.empty());
    api.privateText(ALICE, "en", "/influence @tricky");
    FakeBotApi.Call photo = api.next();
    while (photo.method().equals("setmycommands") || photo.method().equals("deletewebhook")) {
      photo = api.next();
    }
    assertThat(photo.method()).isEqualTo("sendphoto");
    assertThat(photo.body()).contains("name=\"chat_id\"", String.valueOf(ALICE), "name=\"parse_mode\"\r\n\r\nhtml",
        "filename=\"chart.png\"", "PNG", "<b>@\u2060tricky · &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</b>");
    assertThat(photo.body()).doesNotContain("caption_entities");
    assertThat(photo.caption()).startsWith("<b>@\u2060tricky").contains("Followers").hasSizeLessThanOrEqualTo(1024);
    assertThat(buttonData(photo)).containsExactly("Details=ib:di:sample:tricky", "Refresh=ib:ri:sample:tricky");
    // One message per answer: the next one in this chat answers the next question.
    api.privateText(ALICE, "en", "/help");
    assertThat(api.next(c -> c.chatId() == ALICE).text()).contains("<code>/influence @handle</code>");
  }

  @Test
  void oneBadUpdateDoesNotStopTheOthers() throws Exception {
    start();
    // A message without a chat makes the handler fail: logged, and the next update is still answered.
    api.push("message", FakeBotApi.JSON.createObjectNode().put("message_id", 1).put("date", 1).put("text", "/help"));
    api.privateText(ALICE, "en", "/help");
    FakeBotApi.Call help = api.next("sendMessage");
    assertThat(help.chatId()).isEqualTo(ALICE);
    assertThat(help.text()).contains("influence-bot");
  }

  @Test
  void aRefusedTokenStopsTheStartWithASentencePointingToBotFather() throws Exception {
    api = new FakeBotApi();
    api.override = c -> c.method().equals("getme")
        ? Optional.of(FakeBotApi.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"))
        : Optional.empty();
    assertThatThrownBy(() -> start(api.options(), Harness.noCharts()))
        .isInstanceOf(TelegramStartException.class)
        .hasMessageContaining("@BotFather")
        .hasMessageNotContaining(FakeBotApi.TOKEN)
        .hasMessageNotContaining("SECRET");
    assertThat(api.all()).noneMatch(c -> c.method().equals("getupdates") || c.method().equals("deletewebhook"));
  }

  @Test
  void aWebhookIsReportedAndNotRemovedUnlessConfigured() throws Exception {
    api = new FakeBotApi();
    api.webhookUrl = "https://example.org/hook/" + FakeBotApi.TOKEN;
    assertThatThrownBy(() -> start(api.options(), Harness.noCharts()))
        .isInstanceOf(TelegramStartException.class)
        .hasMessageContaining("webhook")
        .hasMessageContaining("https://example.org/hook/<token>")
        .hasMessageNotContaining("SECRET");
    assertThat(api.all()).noneMatch(c -> c.method().equals("deletewebhook"));
    harness.close();

    harness = new Harness(api, api.options().withRemoveWebhook(true), Harness.noCharts());
    harness.bot.start();
    api.next("deleteWebhook");
    api.privateText(ALICE, "en", "/help");
    assertThat(api.next("sendMessage").chatId()).isEqualTo(ALICE);
  }

  @Test
  void repeated409ConflictsStopTheBotSayingAnotherInstanceUsesTheToken() throws Exception {
    api = new FakeBotApi();
    api.override = c -> c.method().equals("getupdates")
        ? Optional.of(FakeBotApi.json(409, "{\"ok\":false,\"error_code\":409,\"description\":\"Conflict: terminated by other getUpdates request\"}"))
        : Optional.empty();
    TelegramBot bot = start(api.options(), Harness.noCharts());
    assertThatThrownBy(() -> bot.stopped().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(TelegramStartException.class)
        .hasMessageContaining("Another instance is using this token");
  }

  @Test
  void theOutgoingQueueIsReportedInDebugNotByACommandOfTheAdapter() throws Exception {
    api = new FakeBotApi();
    TelegramBot bot = start(api.options().withOwner(ALICE), Harness.noCharts());
    // /status was the adapter's own command; the queue is now a line of the core's /debug report.
    api.privateText(ALICE, "en", "/status");
    assertThat(api.next("sendMessage").text()).startsWith("There is no command /status.");
    assertThat(bot.outgoingStatus()).matches("telegram outgoing queue: \\d+ waiting; \\d+ sent, 0 waits after 429, "
        + "0 refused by Telegram, 0 turned away \\(queue full\\)");
  }

  @Test
  void optionsNeverPrintTheToken() {
    TelegramOptions options = TelegramOptions.of(FakeBotApi.TOKEN);
    assertThat(options.toString()).doesNotContain(FakeBotApi.TOKEN).contains("token=<hidden>", "https://api.telegram.org:443");
    assertThat(options.redact("GET /bot" + FakeBotApi.TOKEN + "/getMe")).isEqualTo("GET /bot<token>/getMe");
  }

  @Test
  void whenTheOutgoingQueueIsFullTheUserIsToldToTryAgain() throws Exception {
    api = new FakeBotApi();
    java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    api.override = c -> {
      if (c.method().equals("sendmessage") && first.compareAndSet(true, false)) {
        arrived.countDown();
        try {
          release.await(10, TimeUnit.SECONDS); // keeps the first reply in flight: the queue (size 1) is full
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Optional.empty();
    };
    start(api.options().withQueueSize(1), Harness.noCharts());
    api.privateText(ALICE, "en", "/help");
    assertThat(arrived.await(10, TimeUnit.SECONDS)).isTrue();
    api.privateText(ALICE + 1, "fr", "/help");
    FakeBotApi.Call notice = api.next("sendMessage");
    assertThat(notice.chatId()).isEqualTo(ALICE + 1);
    assertThat(notice.text()).startsWith("Trop de réponses attendent d'être envoyées en ce moment");
    release.countDown();
    assertThat(api.next("sendMessage").chatId()).isEqualTo(ALICE);
  }

  @Test
  void aTokenRevokedWhileRunningStopsTheBotPointingToBotFather() throws Exception {
    TelegramBot bot = start();
    api.override = c -> c.method().equals("getupdates")
        ? Optional.of(FakeBotApi.json(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"))
        : Optional.empty();
    assertThatThrownBy(() -> bot.stopped().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(TelegramStartException.class)
        .hasMessageContaining("@BotFather");
  }

  @Test
  void theCoreChartIsSentAsARealPngPhotoInTheUsersLanguage() throws Exception {
    api = new FakeBotApi();
    harness = new Harness(api, api.options(), org.influencebot.core.chart.Charts::summaryChart);
    harness.bot.start();
    api.privateText(ALICE, "fr", "/influence @mid_creator");
    FakeBotApi.Call photo = api.next("sendPhoto");
    assertThat(photo.body()).contains("filename=\"chart.png\"", "\u0089PNG".substring(1), "name=\"caption\"",
        "<b>@\u2060mid_creator · Camille (illustration)</b>");
    assertThat(photo.body().length()).isBetween(5_000, 10_000_000);
    assertThat(photo.caption()).contains("Abonnés : ").hasSizeLessThanOrEqualTo(1024);
  }

  @Test
  void compareIsTheSideBySideChartWithTheComparisonAsItsCaption() throws Exception {
    api = new FakeBotApi();
    harness = new Harness(api, api.options(), (s, m) -> Optional.empty(),
        org.influencebot.core.chart.ComparisonChart.standard());
    harness.bot.start();
    api.privateText(ALICE, "fr", "/compare @mid_creator @bought_5k");
    FakeBotApi.Call photo = api.next("sendPhoto");
    assertThat(photo.body()).contains("filename=\"chart.png\"", "\u0089PNG".substring(1));
    assertThat(photo.caption()).startsWith("<b>@\u2060mid_creator");
    assertThat(photo.caption()).contains("plus influent").hasSizeLessThanOrEqualTo(1024);
    api.privateText(ALICE, "fr", "/help");
    assertThat(api.next(c -> c.chatId() == ALICE).method()).isEqualTo("sendmessage");
  }

  @Test
  void aSlowLookupHoldsNeitherThePollerNorOtherChatsButKeepsItsOwnChatInOrder() throws Exception {
    start();
    api.privateText(ALICE, "en", "/influence @slow");
    api.privateText(ALICE, "en", "/help"); // asked after: waits for the slow answer in this chat
    api.privateText(ALICE + 1, "en", "/influence @megastar");
    FakeBotApi.Call other = api.next("sendMessage");
    assertThat(other.chatId()).isEqualTo(ALICE + 1);
    assertThat(other.text()).startsWith("<b>@\u2060megastar");
    assertThat(api.all()).noneMatch(c -> c.method().equals("sendmessage") && c.chatId() == ALICE);

    harness.slowGate.complete(null);
    FakeBotApi.Call slow = api.next("sendMessage");
    assertThat(slow.chatId()).isEqualTo(ALICE);
    assertThat(slow.text()).startsWith("<b>@\u2060slow");
    FakeBotApi.Call help = api.next("sendMessage");
    assertThat(help.chatId()).isEqualTo(ALICE);
    assertThat(help.text()).contains("<code>/influence @handle</code>");
  }

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 'c', 'h', 'a', 'r', 't'};

  private void startWithCharts() throws Exception {
    api = new FakeBotApi();
    start(api.options(), s -> Optional.of(PNG));
  }

  @Test
  void aChartUploadedOnceIsSentAgainByItsFileIdWhileTheSummaryIsUnchanged() throws Exception {
    startWithCharts();
    api.privateText(ALICE, "en", "/influence @mid_creator");
    FakeBotApi.Call first = api.next("sendPhoto");
    assertThat(first.uploadedPhoto()).isTrue();
    api.privateText(ALICE + 1, "en", "/influence @mid_creator");
    FakeBotApi.Call second = api.next("sendPhoto");
    assertThat(second.uploadedPhoto()).isFalse();
    assertThat(second.json().path("photo").asText()).isEqualTo("photo-1");
    assertThat(second.caption()).startsWith("<b>@\u2060mid_creator");
    // Another language is another chart: uploaded.
    api.privateText(ALICE + 2, "fr", "/influence @mid_creator");
    assertThat(api.next("sendPhoto").uploadedPhoto()).isTrue();
  }

  @Test
  void detailsUnderAPhotoEditsItsCaptionWithinTelegramsLimit() throws Exception {
    startWithCharts();
    api.privateText(ALICE, "en", "/influence @bot_amplified");
    assertThat(api.next("sendPhoto").uploadedPhoto()).isTrue(); // photo-1
    api.buttonPressOnPhoto(ALICE, ALICE, "ib:di:sample:bot_amplified", "photo-1");
    api.next("answerCallbackQuery");
    FakeBotApi.Call edit = api.next(c -> c.method().startsWith("edit"));
    assertThat(edit.method()).isEqualTo("editmessagecaption");
    assertThat(edit.json().path("message_id").asInt()).isEqualTo(78);
    assertThat(edit.caption()).startsWith("<b>@\u2060bot_amplified").contains("Amplification check")
        .doesNotContain("Press Details").hasSizeLessThanOrEqualTo(1024);
    assertThat(buttonData(edit)).containsExactly("Refresh=ib:ri:sample:bot_amplified");
  }

  @Test
  void refreshUnderAPhotoShowingAnotherChartReplacesThePictureAndCaption() throws Exception {
    startWithCharts();
    api.privateText(ALICE, "en", "/influence @megastar");
    api.next("sendPhoto"); // photo-1, the chart of the summary now cached
    api.buttonPressOnPhoto(ALICE, ALICE, "ib:ri:sample:megastar", "an-older-chart");
    assertThat(api.next("answerCallbackQuery").json().path("text").asText()).isEqualTo("Refreshed.");
    FakeBotApi.Call edit = api.next(c -> c.method().startsWith("edit"));
    assertThat(edit.method()).isEqualTo("editmessagemedia");
    assertThat(edit.caption()).startsWith("<b>@\u2060megastar");
    assertThat(api.all()).noneMatch(c -> c.isNewMessage() && c.chatId() == ALICE && c != api.all().get(0)
        && c.method().equals("sendmessage"));
  }

  @Test
  void aBareInfluenceAsksWhichAccountAndTakesTheAnswer() throws Exception {
    start();
    api.groupText(GROUP, ALICE, "en", "/influence@" + FakeBotApi.BOT_NAME);
    FakeBotApi.Call question = api.next(c -> c.chatId() == GROUP);
    assertThat(question.text()).startsWith("Which account?");
    assertThat(question.json().path("reply_markup").path("force_reply").asBoolean()).isTrue();
    assertThat(question.json().path("reply_markup").path("selective").asBoolean()).isTrue();
    // In a group, plain text reaches the bot only as a reply to it: the answer names the account.
    api.replyToBot(GROUP, ALICE, "@megastar", question.text());
    assertThat(api.next(c -> c.chatId() == GROUP).text()).startsWith("<b>@\u2060megastar");
    // Other replies to the bot in a group are not questions.
    api.replyToBot(GROUP, ALICE, "thanks!", "<b>@\u2060megastar</b>");
    api.groupText(GROUP, ALICE, "en", "/help@" + FakeBotApi.BOT_NAME);
    assertThat(api.next(c -> c.chatId() == GROUP).text()).contains("<code>/influence @handle</code>");
  }

  /**
   * The question was asked by another webhook replica (or before a restart): this process never saw it,
   * and still reads the answer, from the question's own words, as the handle of a plain summary.
   */
  @Test
  void anAnswerToAWhichAccountQuestionThisProcessNeverAskedIsStillTakenAsTheHandle() throws Exception {
    start();
    String question = org.influencebot.core.text.Messages.english().get("telegram.which").replace("@", "@\u2060");
    api.replyToBot(GROUP, ALICE, "@megastar", question);
    FakeBotApi.Call answer = api.next(c -> c.chatId() == GROUP);
    assertThat(answer.text()).startsWith("<b>@\u2060megastar");
  }

  @Test
  void inlineResultsCarryButtonsAndTheChartAsThumbnailOnceTelegramHoldsIt() throws Exception {
    startWithCharts();
    api.inlineQuery(ALICE, "en", "@small_person");
    JsonNode article = api.next("answerInlineQuery").json().path("results").get(0);
    assertThat(article.path("type").asText()).isEqualTo("article");
    assertThat(article.path("reply_markup").path("inline_keyboard").get(0).get(0).path("callback_data").asText())
        .isEqualTo("ib:di:sample:small_person");
    api.privateText(ALICE, "en", "/influence @small_person"); // uploads the chart: photo-1
    api.next("sendPhoto");
    // The chat's next photo goes out once the first one's answer is read: by then the bot holds photo-1.
    api.privateText(ALICE, "en", "/influence @small_person");
    assertThat(api.next("sendPhoto").json().path("photo").asText()).isEqualTo("photo-1");
    api.inlineQuery(ALICE, "en", "@small_person");
    JsonNode photo = api.next("answerInlineQuery").json().path("results").get(0);
    assertThat(photo.path("type").asText()).isEqualTo("photo");
    assertThat(photo.path("photo_file_id").asText()).isEqualTo("photo-1");
    assertThat(photo.path("caption").asText()).startsWith("<b>@\u2060small_person");
    assertThat(photo.path("reply_markup").path("inline_keyboard").get(0)).hasSize(2);
  }

  @Test
  void typingAHandleLetterByLetterInlineNeverUsesUpTheUsersRequests() throws Exception {
    start();
    String handle = "mid_creator";
    for (int i = 1; i <= handle.length(); i++) {
      api.inlineQuery(ALICE, "en", handle.substring(0, i));
      assertThat(api.next("answerInlineQuery").body()).doesNotContain("a bit fast");
    }
    api.privateText(ALICE, "en", "/influence @mid_creator");
    assertThat(api.next("sendMessage").text()).startsWith("<b>@\u2060mid_creator");
  }
}
