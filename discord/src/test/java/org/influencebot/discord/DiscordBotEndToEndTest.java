package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.store.Member;
import org.influencebot.store.Platform;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JDA client against a fake Discord on 127.0.0.1: every command in a DM and in a server,
 * acknowledged in time, rendered as embeds, never pinging anyone, and surviving a dropped gateway.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordBotEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};

  private final List<Long> ackMicros = new CopyOnWriteArrayList<>();
  private final AtomicLong ticks = new AtomicLong();
  @TempDir
  static Path dataDir;
  private ThreadRecordingStore store;
  private FakeDiscord discord;
  private Interactions interactions;
  private TestSource source;
  private InfluenceService service;
  private ExecutorService executor;
  private DiscordBot bot;
  /** The store as the bot sees it: reached only once the interaction is acknowledged. */
  private AcknowledgedFirst community;

  @BeforeAll
  void start() throws Exception {
    discord = new FakeDiscord();
    interactions = new Interactions(discord);
    source = new TestSource();
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    Ticker ticker = ticks::get;
    executor = Executors.newFixedThreadPool(2);
    service = new InfluenceService(source, new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock),
        executor, ticker, clock, InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(60)),
        ticker);
    store = new ThreadRecordingStore(Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock)));
    store.links().link(new Member(Platform.DISCORD, "1800000000000000008"), "small_person");
    // The standard 5 s cooldown would refuse this class's many commands from one member at a fixed time.
    store.settings().change(Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
    community = new AcknowledgedFirst(new StoreCommunity(store), discord, WAIT);
    bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl()),
        new CommandRunner(service, limits, community, () -> "report"), s -> s.handle().name().equals("small_person") ? Optional.of(PNG) : Optional.empty());
    bot.start();
    // Commands are registered once the session is ready: from then on interactions are answered.
    discord.await(0, c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"), WAIT);
    bot.awaitReady();
  }

  @BeforeEach
  void noStoreCallBeforeAnAcknowledgementYet() {
    community.reachedBeforeAcknowledging.clear();
  }

  @AfterAll
  void stop() throws Exception {
    if (bot != null) {
      bot.close();
    }
    executor.shutdownNow();
    discord.close();
    store.close();
    List<Long> sorted = new ArrayList<>(ackMicros);
    sorted.sort(null);
    if (!sorted.isEmpty()) {
      System.out.printf("Discord acknowledge time over %d interactions: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          sorted.size(), percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0,
          sorted.get(sorted.size() - 1) / 1000.0);
    }
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  // --- helpers ---

  /**
   * Sends the interaction and returns its callback (type 4, 5, 6, 7 or 8). Acknowledged in time means
   * acknowledged without waiting for anything that can wait: the store is reached only after the
   * acknowledgement ({@link AcknowledgedFirst}), a lookup still running is deferred (DiscordFaultsTest).
   * The time to acknowledge on this machine is only reported, never asserted.
   */
  private FakeDiscord.Call send(ObjectNode interaction) throws InterruptedException {
    int from = discord.callCount();
    String id = interaction.get("id").asText();
    discord.sendInteraction(interaction);
    FakeDiscord.Call callback = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
    long micros = TimeUnit.NANOSECONDS.toMicros(callback.atNanos() - discord.sentAtNanos(id));
    ackMicros.add(micros);
    assertThat(community.reachedBeforeAcknowledging).as("store calls made before the acknowledgement").isEmpty();
    return callback;
  }

  private FakeDiscord.Call edit(ObjectNode interaction) throws InterruptedException {
    String token = interaction.get("token").asText();
    return discord.await(0, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + token + "/messages/@original"),
        WAIT);
  }

  private FakeDiscord.Call followUp(ObjectNode interaction) throws InterruptedException {
    String token = interaction.get("token").asText();
    return discord.await(0, c -> c.method().equals("POST") && c.path().endsWith("/webhooks/" + FakeDiscord.APP_ID + "/" + token),
        WAIT);
  }

  /** The message the user finally sees: the immediate reply, or the edit or follow-up after a defer. */
  private JsonNode finalMessage(ObjectNode interaction, FakeDiscord.Call callback) throws InterruptedException {
    FakeDiscord.Call last = finalCall(interaction, callback);
    assertThat(community.reachedBeforeAcknowledging).as("store calls made before the acknowledgement").isEmpty();
    return last == callback ? callback.json().get("data") : last.json();
  }

  private FakeDiscord.Call finalCall(ObjectNode interaction, FakeDiscord.Call callback) throws InterruptedException {
    int type = callback.json().get("type").asInt();
    if (type == 4 || type == 7) {
      return callback;
    }
    assertThat(type).isIn(5, 6);
    String token = interaction.get("token").asText();
    return discord.await(0, c -> (c.is("PATCH", "/webhooks/") || c.method().equals("POST"))
        && c.path().contains("/webhooks/" + FakeDiscord.APP_ID + "/" + token), WAIT);
  }

  /** Discord pings no one for this message: no mention type parsed, no user or role listed. */
  static void assertPingsNobody(JsonNode message) {
    JsonNode allowed = message.get("allowed_mentions");
    assertThat(allowed).as("allowed_mentions in " + message).isNotNull();
    assertThat(allowed.get("parse").isArray()).isTrue();
    assertThat(allowed.get("parse")).isEmpty();
    assertThat(allowed.path("users")).allSatisfy(u -> assertThat(u).isNull());
    assertThat(allowed.path("roles")).isEmpty();
    assertThat(allowed.path("replied_user").asBoolean(false)).isFalse();
  }

  private static List<String> texts(JsonNode message) {
    List<String> out = new ArrayList<>();
    out.add(message.path("content").asText());
    for (JsonNode e : message.path("embeds")) {
      out.add(e.path("title").asText());
      out.add(e.path("description").asText());
      out.add(e.path("footer").path("text").asText());
      for (JsonNode f : e.path("fields")) {
        out.add(f.path("name").asText());
        out.add(f.path("value").asText());
      }
    }
    return out;
  }

  private static void assertNoRawMention(JsonNode message) {
    for (String text : texts(message)) {
      assertThat(text).doesNotContain("@everyone", "@here", "<@&123>", "<@456>");
    }
  }

  private static List<String> buttonIds(JsonNode message) {
    List<String> ids = new ArrayList<>();
    for (JsonNode row : message.path("components")) {
      for (JsonNode c : row.path("components")) {
        ids.add(c.path("custom_id").asText());
      }
    }
    return ids;
  }

  private void warm(String handle) throws Exception {
    service.summary(HandleParser.parse(handle)).get(5, TimeUnit.SECONDS);
  }

  // --- tests ---

  @Test
  void registersTheCommandsInBulkWithFrenchNamesAndDescriptions() throws Exception {
    FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"), WAIT);
    JsonNode commands = put.json();
    assertThat(commands).hasSize(9);
    List<String> names = new ArrayList<>();
    commands.forEach(c -> names.add(c.get("name").asText()));
    assertThat(names).containsExactly("influence", "authenticity", "compare", "help", "influence-link",
        "influence-unlink", "influence-settings", "influence-debug", "influence-members");
    JsonNode members = commands.get(8);
    assertThat(members.get("default_member_permissions").asText()).as("Manage Server").isEqualTo("32");
    assertThat(members.get("contexts")).extracting(JsonNode::asInt).containsExactly(0);
    assertThat(members.at("/options/0/name").asText()).isEqualTo("list");
    assertThat(members.at("/options/0/type").asInt()).as("boolean").isEqualTo(5);
    assertThat(members.at("/options/0/required").asBoolean()).isFalse();
    JsonNode settings = commands.get(6);
    assertThat(settings.get("default_member_permissions").asText()).as("Manage Server").isEqualTo("32");
    assertThat(settings.get("contexts")).extracting(JsonNode::asInt).containsExactly(0);
    assertThat(settings.at("/name_localizations/fr").asText()).isEqualTo("influence-réglages");
    List<String> keys = new ArrayList<>();
    settings.at("/options/0/choices").forEach(c -> keys.add(c.get("value").asText()));
    assertThat(keys).contains("language", "private-replies", "channels", "cooldown", "network", "commands");
    assertThat(commands.get(7).get("default_member_permissions").asText()).as("administrators only").isEqualTo("0");
    commands.forEach(c -> assertThat(c.get("description").asText()).hasSizeBetween(1, 100));
    commands.forEach(c -> assertThat(c.at("/description_localizations/fr").asText()).hasSizeBetween(1, 100));
    JsonNode authenticity = commands.get(1);
    assertThat(authenticity.at("/name_localizations/fr").asText()).isEqualTo("authenticité");
    assertThat(authenticity.at("/description_localizations/fr").asText()).contains("achetée");
    assertThat(authenticity.get("description").asText()).contains("bought").hasSizeLessThanOrEqualTo(100);
    JsonNode handle = commands.get(0).get("options").get(0);
    assertThat(handle.get("name").asText()).isEqualTo("handle");
    assertThat(handle.get("autocomplete").asBoolean()).isTrue();
    assertThat(handle.at("/name_localizations/fr").asText()).isEqualTo("pseudo");
    assertThat(commands.get(0).get("options").get(1).get("type").asInt()).as("user option").isEqualTo(6);
    assertThat(commands.get(0).get("contexts")).extracting(JsonNode::asInt).contains(0, 1);
  }

  @Test
  void aCachedSummaryIsAnsweredAtOnceWithAnEmbedColouredByVerdictAndButtons() throws Exception {
    warm("mid_creator");
    ObjectNode i = interactions.slash("influence", false, "en-US", "handle", "mid_creator");
    FakeDiscord.Call callback = send(i);
    assertThat(callback.json().get("type").asInt()).as("immediate reply").isEqualTo(4);
    JsonNode data = callback.json().get("data");
    assertPingsNobody(data);
    assertThat(data.path("flags").asInt(0) & 64).as("public").isZero();
    JsonNode embed = data.get("embeds").get(0);
    assertThat(embed.get("title").asText()).contains("mid\\_creator").contains("Camille");
    var verdict = service.cachedNow(HandleParser.parse("mid_creator")).orElseThrow().summary().authenticity().verdict();
    assertThat(embed.get("color").asInt()).isEqualTo(DiscordEmbeds.colour(verdict).getRGB() & 0xFFFFFF);
    assertThat(embed.get("description").asText()).contains("Influence").contains("Followers: 42,000");
    List<String> fieldNames = new ArrayList<>();
    embed.get("fields").forEach(f -> fieldNames.add(f.get("name").asText()));
    assertThat(fieldNames).anySatisfy(n -> assertThat(n).startsWith("Reach · "));
    assertThat(embed.at("/footer/text").asText()).contains("from cache");
    assertThat(buttonIds(data)).containsExactly("ib:di:sample:mid_creator", "ib:ri:sample:mid_creator");
  }

  @Test
  void aLookupNotInTheCacheIsDeferredThenTheOriginalIsEdited() throws Exception {
    source.hold("megastar");
    ObjectNode i = interactions.slash("authenticity", true, "en-US", "handle", "@megastar");
    FakeDiscord.Call callback = send(i);
    assertThat(callback.json().get("type").asInt()).as("deferred").isEqualTo(5);
    source.release("megastar");
    JsonNode edit = edit(i).json();
    assertPingsNobody(edit);
    JsonNode embed = edit.get("embeds").get(0);
    assertThat(embed.get("title").asText()).contains("megastar");
    assertThat(embed.get("fields")).hasSize(5);
    assertThat(embed.at("/footer/text").asText()).contains("Computed just now");
    assertThat(buttonIds(edit)).containsExactly("ib:da:sample:megastar", "ib:ra:sample:megastar");
  }

  @Test
  void mentionsInANameOrBioNeverPingWhetherDeferredOrImmediate() throws Exception {
    source.hold("pinger");
    ObjectNode deferred = interactions.slash("influence", true, "en-US", "handle", "pinger");
    assertThat(send(deferred).json().get("type").asInt()).isEqualTo(5);
    source.release("pinger");
    JsonNode edit = edit(deferred).json();
    assertPingsNobody(edit);
    assertNoRawMention(edit);
    assertThat(edit.at("/embeds/0/title").asText()).contains("@\u200Deveryone").contains("\\<@\u200D&123\\>");

    ObjectNode immediate = interactions.slash("authenticity", false, "en-US", "handle", "pinger");
    FakeDiscord.Call callback = send(immediate);
    assertThat(callback.json().get("type").asInt()).isEqualTo(4);
    assertPingsNobody(callback.json().get("data"));
    assertNoRawMention(callback.json().get("data"));
  }

  @Test
  void aHandleThatLooksLikeAMentionNeverPings() throws Exception {
    ObjectNode i = interactions.slash("influence", true, "en-US", "handle", "@here");
    FakeDiscord.Call callback = send(i);
    JsonNode message = finalMessage(i, callback);
    assertPingsNobody(message);
    assertNoRawMention(message);
    assertThat(message.get("content").asText()).contains("could not find @\u200Dhere");
    assertThat(message.get("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
  }

  @Test
  void aMemberWithoutALinkGetsASentenceOnHowToLinkAndTheirNameNeverPings() throws Exception {
    ObjectNode member = Interactions.user("1900000000000000009", "sneaky", "@everyone <@&123>");
    ObjectNode i = interactions.slashWithUser("influence", member);
    FakeDiscord.Call callback = send(i);
    JsonNode message = finalMessage(i, callback);
    assertPingsNobody(message);
    assertNoRawMention(message);
    assertThat(message.get("content").asText()).contains("/influence-link").contains("@\u200Deveryone");
    assertThat(message.get("flags").asInt() & 64).isEqualTo(64);
  }

  @Test
  void aLinkedMemberIsLookedUpByTheirHandleAndTheChartIsAttached() throws Exception {
    ObjectNode member = Interactions.user("1800000000000000008", "jo", "Jo");
    ObjectNode i = interactions.slashWithUser("influence", member);
    FakeDiscord.Call callback = send(i);
    FakeDiscord.Call shown = finalCall(i, callback);
    JsonNode message = shown == callback ? callback.json().get("data") : shown.json();
    assertThat(store.linkThreads).as("the link store is read off JDA's thread").isNotEmpty()
        .allSatisfy(name -> assertThat(name).startsWith("discord-store-"));
    assertThat(shown.contentType()).startsWith("multipart/form-data");
    assertThat(shown.body()).contains("filename=\"chart.png\"");
    assertPingsNobody(message);
    assertThat(message.at("/embeds/0/title").asText()).contains("small\\_person");
    assertThat(message.at("/embeds/0/image/url").asText()).isEqualTo("attachment://chart.png");
  }

  @Test
  void errorsAreEphemeralSentencesInTheUsersLanguage() throws Exception {
    FakeDiscord.Call fr = send(interactions.slash("influence", false, "fr", "handle", "bad handle"));
    assertThat(fr.json().get("type").asInt()).isEqualTo(4);
    assertThat(fr.json().at("/data/flags").asInt() & 64).isEqualTo(64);
    assertThat(fr.json().at("/data/content").asText()).startsWith("Un pseudo ne contient pas d'espace");
    assertPingsNobody(fr.json().get("data"));

    FakeDiscord.Call en = send(interactions.slash("authenticity", true, "en-GB", "handle", "bad handle"));
    assertThat(en.json().at("/data/content").asText()).startsWith("A handle has no spaces");

    FakeDiscord.Call none = send(interactions.slash("influence", true, "en-US"));
    assertThat(none.json().at("/data/content").asText()).startsWith("Whose influence?");
    FakeDiscord.Call aucun = send(interactions.slash("authenticity", true, "fr"));
    assertThat(aucun.json().at("/data/content").asText()).startsWith("L'authenticité de qui ?");
  }

  @Test
  void helpIsAnsweredAtOnceForTheAskerAloneInTheirLanguage() throws Exception {
    FakeDiscord.Call en = send(interactions.slash("help", false, "en-US"));
    assertThat(en.json().get("type").asInt()).isEqualTo(4);
    assertThat(en.json().at("/data/flags").asInt() & 64).isEqualTo(64);
    assertThat(en.json().at("/data/embeds/0/description").asText()).contains("/compare first:@\u200Dalice second:@\u200Dbob");
    FakeDiscord.Call fr = send(interactions.slash("help", true, "fr"));
    assertThat(fr.json().at("/data/embeds/0/description").asText()).contains("/comparer premier:");
  }

  @Test
  void compareShowsBothAccountsAndTheConclusion() throws Exception {
    ObjectNode i = interactions.slash("compare", true, "en-US", "first", "mid_creator", "second", "bought_5k");
    JsonNode message = finalMessage(i, send(i));
    assertPingsNobody(message);
    JsonNode embed = message.get("embeds").get(0);
    assertThat(embed.get("fields")).hasSize(2);
    assertThat(embed.get("description").asText()).containsAnyOf("more influential", "equally influential");
  }

  @Test
  void autocompleteOffersRecentlyLookedUpHandles() throws Exception {
    warm("weather_bot");
    send(interactions.slash("influence", false, "en-US", "handle", "weather_bot"));
    FakeDiscord.Call choices = send(interactions.autocomplete("influence", "handle", "weath"));
    assertThat(choices.json().get("type").asInt()).isEqualTo(8);
    List<String> values = new ArrayList<>();
    choices.json().at("/data/choices").forEach(c -> values.add(c.get("value").asText()));
    assertThat(values).contains("@weather_bot").hasSizeLessThanOrEqualTo(25)
        .allSatisfy(v -> assertThat(v.toLowerCase()).contains("weath"));
    FakeDiscord.Call nothing = send(interactions.autocomplete("influence", "handle", "zzzz"));
    assertThat(nothing.json().at("/data/choices")).isEmpty();
  }

  @Test
  void detailsExpandsEverySignalAndRefreshHasACooldown() throws Exception {
    warm("bot_amplified");
    FakeDiscord.Call details = send(interactions.button("ib:di:sample:bot_amplified", "en-US"));
    assertThat(details.json().get("type").asInt()).as("message updated at once").isEqualTo(7);
    JsonNode expanded = details.json().get("data");
    assertPingsNobody(expanded);
    assertThat(expanded.at("/embeds/0/fields")).hasSize(10);
    assertThat(buttonIds(expanded)).containsExactly("ib:ri:sample:bot_amplified");

    source.hold("bot_amplified");
    ObjectNode refresh = interactions.button("ib:ri:sample:bot_amplified", "en-US");
    assertThat(send(refresh).json().get("type").asInt()).as("deferred update").isEqualTo(6);
    source.release("bot_amplified");
    JsonNode refreshed = edit(refresh).json();
    assertPingsNobody(refreshed);
    assertThat(refreshed.at("/embeds/0/footer/text").asText()).contains("Computed just now");

    FakeDiscord.Call again = send(interactions.button("ib:ri:sample:bot_amplified", "fr"));
    assertThat(again.json().get("type").asInt()).isEqualTo(4);
    assertThat(again.json().at("/data/flags").asInt() & 64).isEqualTo(64);
    assertThat(again.json().at("/data/content").asText()).contains("dans 60 s");

    FakeDiscord.Call forged = send(interactions.button("ib:xx:<@&1>", "en-US"));
    assertThat(forged.json().at("/data/content").asText()).contains("older message");
  }

  @Test
  void aDroppedGatewayIsSurvivedAndTheNextCommandAnswered() throws Exception {
    int from = discord.gatewayOpCount();
    discord.dropGateway();
    // JDA reconnects and resumes (op 6) or identifies again (op 2): the fake answers both.
    discord.awaitGatewayOp(from, op -> op == 6 || op == 2, Duration.ofSeconds(30));
    FakeDiscord.Call callback = send(interactions.slash("help", true, "en-US"));
    assertThat(callback.json().get("type").asInt()).isEqualTo(4);
  }

  @Test
  void aRejectedTokenStopsWithASentenceOnWhereToGetOneAndNeverShowsTheToken() {
    String wrong = "MTIzNDU2.wrong-token.SECRET-PART";
    DiscordBot other = new DiscordBot(DiscordOptions.of(wrong).withEndpoints(discord.restUrl(), discord.gatewayUrl()),
        new CommandRunner(service, new RequestLimits(RequestLimits.Options.defaults(), ticks::get),
            new StoreCommunity(store), () -> "report"), s -> Optional.empty());
    assertThatThrownBy(other::start)
        .isInstanceOf(DiscordStartException.class)
        .hasMessageContaining("Discord Developer Portal")
        .hasMessageContaining("Reset Token")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET", wrong));
    other.close();
  }
}
