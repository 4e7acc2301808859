package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.influencebot.discord.DiscordBotEndToEndTest.assertPingsNobody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
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
import org.influencebot.store.AuditEntry;
import org.influencebot.store.Member;
import org.influencebot.store.Platform;
import org.influencebot.store.Scope;
import org.influencebot.core.settings.SettingKey;
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
 * Moderators, members' links and the owner, end to end against the fake Discord with a real SQLite
 * store: who may change settings, and every setting felt in the replies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSettingsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MEMBER_ID = "1810000000000000001";
  private static final String MODERATOR_ID = "1820000000000000002";
  private static final Scope SERVER = Scope.discordServer(FakeDiscord.GUILD_ID);
  /** Longer than an embed's description, with a mention and a code fence that must not escape the block. */
  private static final String REPORT = "influence-bot 0.1.0 @everyone ``` end\n" + "x".repeat(9000);

  @TempDir
  static Path dataDir;
  private final AtomicLong ticks = new AtomicLong();
  private FakeDiscord discord;
  private Interactions interactions;
  private TestSource source;
  private InfluenceService service;
  private ExecutorService executor;
  private Store store;
  private Clock clock;
  private CommandRunner runner;
  private RequestLimits limits;
  private DiscordBot bot;
  /** The store as the bot sees it: reached only once the interaction is acknowledged. */
  private AcknowledgedFirst community;

  @BeforeAll
  void start() throws Exception {
    discord = new FakeDiscord();
    interactions = new Interactions(discord);
    source = new TestSource();
    clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    Ticker ticker = ticks::get;
    executor = Executors.newFixedThreadPool(2);
    service = new InfluenceService(source, new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock),
        executor, ticker, clock, InfluenceService.Options.defaults());
    limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(60)),
        ticker);
    startBot();
  }

  /** Opens the store in the data directory and connects a bot using it, as the launcher does. */
  private void startBot() throws Exception {
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
    int from = discord.callCount();
    DiscordOptions options = DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl());
    options = new DiscordOptions(options.token(), options.restBaseUrl(), options.gatewayUrl(), options.devGuildId(),
        1, 0, 0, Optional.of(MODERATOR_ID));
    community = new AcknowledgedFirst(new StoreCommunity(store), discord, WAIT);
    runner = new CommandRunner(service, limits, community, () -> REPORT);
    bot = new DiscordBot(options, runner, s -> Optional.empty());
    bot.start();
    bot.awaitReady();
    discord.await(from, c -> c.is("PUT", "/commands"), WAIT);
  }

  @AfterAll
  void stop() throws Exception {
    bot.close();
    executor.shutdownNow();
    discord.close();
    store.close();
  }

  @BeforeEach
  void defaultSettingsAndNoLinks() {
    community.reachedBeforeAcknowledging.clear();
    for (SettingKey key : SettingKey.values()) {
      store.settings().reset(SERVER, "test", key.key());
    }
    // The standard 5 s cooldown would refuse the many lookups of one member at this fixed time.
    store.settings().change(SERVER, "test", "cooldown", "0");
    store.links().unlink(new Member(Platform.DISCORD, MEMBER_ID));
    store.links().unlink(new Member(Platform.DISCORD, FakeDiscord.USER_ID));
  }

  // --- helpers ---

  /** The message the asker finally sees: the immediate reply, or the edit after a defer. */
  private JsonNode answer(ObjectNode interaction) throws InterruptedException {
    String id = interaction.get("id").asText();
    String token = interaction.get("token").asText();
    int from = discord.callCount();
    discord.sendInteraction(interaction);
    FakeDiscord.Call callback = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
    int type = callback.json().get("type").asInt();
    JsonNode message;
    if (type == 4) {
      message = callback.json().get("data");
    } else {
      assertThat(type).isEqualTo(5);
      FakeDiscord.Call edit = discord.await(from, c -> c.path().contains("/webhooks/" + FakeDiscord.APP_ID + "/" + token)
          && (c.method().equals("PATCH") || c.method().equals("POST")), WAIT);
      message = edit.json();
      if (edit.method().equals("PATCH") && (callback.json().path("data").path("flags").asInt(0) & 64) == 64) {
        // Discord keeps a reply deferred for the asker alone so when it is edited: the edit carries no flags.
        message = ((ObjectNode) message.deepCopy()).put("flags", message.path("flags").asInt(0) | 64);
      }
    }
    // Acknowledged in time: without waiting for the store, which is reached only once Discord holds the
    // acknowledgement (nothing measured on the clock, which a busy machine would make flaky).
    assertThat(community.reachedBeforeAcknowledging).as("store calls made before the acknowledgement").isEmpty();
    assertPingsNobody(message);
    return message;
  }

  private ObjectNode asMember(ObjectNode interaction) {
    return Interactions.askedBy(interaction, MEMBER_ID, "member");
  }

  private ObjectNode asModerator(ObjectNode interaction) {
    return Interactions.askedBy(interaction, MODERATOR_ID, "moderator", FakeDiscord.MODERATOR_ROLE_ID);
  }

  private static boolean ephemeral(JsonNode message) {
    return (message.path("flags").asInt(0) & 64) == 64;
  }

  private static String content(JsonNode message) {
    return message.path("content").asText();
  }

  // --- settings: who may ---

  @Test
  void settingsAreShownToAnyoneAndChangedOnlyWithManageServer() throws Exception {
    JsonNode seen = answer(asMember(interactions.slash("influence-settings", true, "en-US")));
    assertThat(ephemeral(seen)).isTrue();
    assertThat(content(seen)).startsWith("Settings here:");

    JsonNode refusedChange = answer(asMember(interactions.slash("influence-settings", true, "en-US",
        "key", "language", "value", "fr")));
    assertThat(content(refusedChange)).startsWith("Only moderators");
    assertThat(store.settings().settingsOf(SERVER).language()).as("nothing changed").isEmpty();

    JsonNode shown = answer(asModerator(interactions.slash("influence-settings", true, "en-US")));
    assertThat(ephemeral(shown)).isTrue();
    assertThat(content(shown)).startsWith("Settings here:").contains("language = auto", "private-replies = off",
        "cooldown = 0", "/influence-settings key:KEY value:VALUE").doesNotContain("/settings KEY");
  }

  @Test
  void aModeratorsChangeIsAuditedSurvivesReopeningTheStoreAndSwitchesTheLanguage() throws Exception {
    JsonNode changed = answer(asModerator(interactions.slash("influence-settings", true, "en-US",
        "key", "language", "value", "fr")));
    assertThat(content(changed)).isEqualTo("Done: language is now fr.");
    JsonNode invalid = answer(asModerator(interactions.slash("influence-settings", true, "en-US",
        "key", "cooldown", "value", "soon @everyone")));
    assertThat(content(invalid)).startsWith("Le réglage « cooldown » ne peut pas valoir « soon @\u200Deveryone »");
    JsonNode half = answer(asModerator(interactions.slash("influence-settings", true, "en-US", "key", "cooldown")));
    assertThat(content(half)).startsWith("Pour modifier un réglage, donnez clé: et valeur:");

    // A restart: the bot and its store closed, then both opened again on the same directory.
    bot.close();
    store.close();
    startBot();
    assertThat(store.settings().settingsOf(SERVER).language()).contains(Locale.FRENCH);
    AuditEntry last = store.audit().recent(SERVER, 1).get(0);
    assertThat(last.userId()).isEqualTo(MODERATOR_ID);
    assertThat(last.toString()).contains("language", "fr");

    // The server's language wins over the member's own English.
    JsonNode help = answer(asMember(interactions.slash("help", true, "en-US")));
    assertThat(help.at("/embeds/0/description").asText()).contains("/comparer premier:");
    JsonNode error = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "bad handle")));
    assertThat(content(error)).startsWith("Un pseudo ne contient pas d'espace");
  }

  // --- settings: felt in replies ---

  /** The handles autocomplete offers for {@code typed}, in the server or in the asker's DM. */
  private List<String> suggested(String typed, boolean inGuild) throws InterruptedException {
    ObjectNode i = interactions.autocomplete("influence", "handle", typed, inGuild);
    int from = discord.callCount();
    discord.sendInteraction(i);
    JsonNode callback = discord.await(from, c -> c.is("POST", "/interactions/" + i.get("id").asText()), WAIT).json();
    List<String> values = new java.util.ArrayList<>();
    callback.at("/data/choices").forEach(c -> values.add(c.get("value").asText()));
    return values;
  }

  @Test
  void autocompleteOffersWhatWasLookedUpOnThisServerAndNeverWhatWasAnsweredPrivately() throws Exception {
    service.summary(HandleParser.parse("locked_down")).get(5, TimeUnit.SECONDS);
    service.summary(HandleParser.parse("counts_only")).get(5, TimeUnit.SECONDS);
    answer(asMember(interactions.slash("influence", true, "en-US", "handle", "locked_down")));
    assertThat(suggested("locked", true)).containsExactly("@locked_down");
    assertThat(suggested("locked", false)).as("not in a direct message").isEmpty();

    store.settings().change(SERVER, "test", "private-replies", "on");
    JsonNode secret = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "counts_only")));
    assertThat(ephemeral(secret)).isTrue();
    assertThat(suggested("counts", true)).as("a private reply suggests nothing").isEmpty();
  }

  @Test
  void withPrivateRepliesOnLookupsAreForTheAskerAloneImmediateOrDeferred() throws Exception {
    store.settings().change(SERVER, "test", "private-replies", "on");
    service.summary(HandleParser.parse("mid_creator")).get(5, TimeUnit.SECONDS);
    JsonNode immediate = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "mid_creator")));
    assertThat(immediate.at("/embeds/0/title").asText()).contains("mid\\_creator");
    assertThat(ephemeral(immediate)).as("flag 64").isTrue();

    source.hold("megastar");
    ObjectNode deferred = asMember(interactions.slash("authenticity", true, "en-US", "handle", "megastar"));
    int from = discord.callCount();
    discord.sendInteraction(deferred);
    FakeDiscord.Call defer = discord.await(from, c -> c.is("POST", "/interactions/" + deferred.get("id").asText()), WAIT);
    assertThat(defer.json().get("type").asInt()).isEqualTo(5);
    assertThat(defer.json().at("/data/flags").asInt() & 64).as("deferred for the asker alone").isEqualTo(64);
    source.release("megastar");
    JsonNode edit = discord.await(from, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/"
        + deferred.get("token").asText()), WAIT).json();
    assertPingsNobody(edit);
    assertThat(edit.at("/embeds/0/title").asText()).contains("megastar");

    store.settings().change(SERVER, "test", "private-replies", "off");
    JsonNode open = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "mid_creator")));
    assertThat(ephemeral(open)).as("public again").isFalse();
  }

  @Test
  void aCommandTheModeratorsTurnedOffIsRefusedWithASentence() throws Exception {
    store.settings().change(SERVER, "test", "commands", "influence,link");
    JsonNode refused = answer(asMember(interactions.slash("authenticity", true, "en-US", "handle", "mid_creator")));
    assertThat(ephemeral(refused)).isTrue();
    assertThat(content(refused)).isEqualTo("The moderators turned /authenticity off on this server.");
    assertThat(content(answer(asMember(interactions.slash("compare", true, "fr", "first", "a", "second", "b")))))
        .isEqualTo("Les modérateurs ont désactivé /compare sur ce serveur.");
    JsonNode button = answer(Interactions.askedBy(guildButton("ib:da:sample:mid_creator"), MEMBER_ID, "member"));
    assertThat(content(button)).contains("/authenticity off");
    // Help, and the settings that could turn it back on, always answer.
    assertThat(answer(asMember(interactions.slash("help", true, "en-US"))).at("/embeds/0/title").asText())
        .isEqualTo("influence-bot");
    assertThat(content(answer(asModerator(interactions.slash("influence-settings", true, "en-US",
        "key", "commands", "value", "all"))))).startsWith("Done: commands is now");
    JsonNode back = answer(asMember(interactions.slash("authenticity", true, "en-US", "handle", "mid_creator")));
    assertThat(back.at("/embeds/0/title").asText()).contains("mid\\_creator");
  }

  private ObjectNode guildButton(String customId) {
    ObjectNode i = interactions.button(customId, "en-US");
    ObjectNode slash = interactions.slash("help", true, "en-US");
    for (String field : new String[] {"guild_id", "guild", "guild_locale", "channel_id", "channel", "member",
        "authorizing_integration_owners", "context"}) {
      i.set(field, slash.get(field));
    }
    i.remove("user");
    return i;
  }

  @Test
  void outsideTheAnswerChannelsTheBotSaysWhereItAnswers() throws Exception {
    store.settings().change(SERVER, "test", "channels", "1300000000000000099");
    JsonNode elsewhere = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "mid_creator")));
    assertThat(ephemeral(elsewhere)).isTrue();
    assertThat(content(elsewhere)).isEqualTo("On this server, the bot answers in <#1300000000000000099>.");
    // Moderators can still reach the settings from any channel.
    assertThat(content(answer(asModerator(interactions.slash("influence-settings", true, "en-US")))))
        .contains("channels = 1300000000000000099");
    store.settings().change(SERVER, "test", "channels", FakeDiscord.GUILD_CHANNEL_ID);
    assertThat(answer(asMember(interactions.slash("help", true, "en-US"))).at("/embeds/0/title").asText())
        .isEqualTo("influence-bot");
  }

  @Test
  void theServersCooldownMakesAMemberWaitBetweenLookups() throws Exception {
    store.settings().change(SERVER, "test", "cooldown", "30");
    service.summary(HandleParser.parse("small_person")).get(5, TimeUnit.SECONDS);
    ObjectNode first = Interactions.askedBy(interactions.slash("influence", true, "en-US", "handle", "small_person"),
        "1830000000000000003", "quick");
    assertThat(answer(first).at("/embeds/0/title").asText()).contains("small\\_person");
    JsonNode again = answer(Interactions.askedBy(interactions.slash("authenticity", true, "en-US", "handle",
        "small_person"), "1830000000000000003", "quick"));
    assertThat(content(again)).isEqualTo("You are asking a bit fast: try again in 30 s.");
    assertThat(ephemeral(again)).isTrue();
    JsonNode other = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "small_person")));
    assertThat(other.at("/embeds/0/title").asText()).as("another member is not held back").contains("small\\_person");
  }

  // --- links ---

  @Test
  void aMemberLinksTheirHandleOthersAskByMentionAndUnlinkingRemovesIt() throws Exception {
    JsonNode linked = answer(asMember(interactions.slash("influence-link", true, "en-US", "handle", "@small_person")));
    assertThat(ephemeral(linked)).isTrue();
    // Shown as the member would type it (the server's network needs no prefix), stored with its network.
    assertThat(content(linked)).isEqualTo("Linked: you are now @\u200Dsmall\\_person. /influence-unlink removes the link.");
    assertThat(store.links().linkOf(new Member(Platform.DISCORD, MEMBER_ID)).orElseThrow().handle())
        .isEqualTo("sample:small_person");
    assertThat(content(answer(asMember(interactions.slash("influence-link", true, "en-US")))))
        .isEqualTo("You are linked to @\u200Dsmall\\_person. /influence-unlink removes the link.");
    assertThat(content(answer(interactions.slash("influence-link", false, "fr"))))
        .as("in a direct message, someone else without a link").startsWith("Vous n'avez pas de pseudo lié.");

    ObjectNode member = Interactions.user(MEMBER_ID, "member", "Member");
    JsonNode byMention = answer(Interactions.withUser(interactions.slash("influence", true, "en-US"), "user", member));
    assertThat(byMention.at("/embeds/0/title").asText()).contains("small\\_person");

    JsonNode bad = answer(asMember(interactions.slash("influence-link", true, "en-US", "handle", "not a handle")));
    assertThat(content(bad)).startsWith("A handle has no spaces");

    JsonNode unlinked = answer(asMember(interactions.slash("influence-unlink", true, "en-US")));
    assertThat(content(unlinked)).isEqualTo("Your link is removed.");
    JsonNode none = answer(asMember(interactions.slash("influence-unlink", true, "fr")));
    assertThat(content(none)).startsWith("Vous n'avez pas de pseudo lié.");
    JsonNode gone = answer(Interactions.withUser(interactions.slash("influence", true, "en-US"), "user", member));
    assertThat(content(gone)).contains("has not linked a social account yet");
  }

  @Test
  void aLinkTypedWithoutANetworkTakesTheServersNetwork() throws Exception {
    store.settings().change(SERVER, "test", "network", "mastodon");
    answer(asMember(interactions.slash("influence-link", true, "en-US", "handle", "@alice")));
    assertThat(store.links().linkOf(new Member(Platform.DISCORD, MEMBER_ID)).orElseThrow().handle())
        .isEqualTo("mastodon:alice");
  }

  @Test
  void onlyAModeratorRemovesAnotherMembersLinkAndItIsAudited() throws Exception {
    store.links().link(new Member(Platform.DISCORD, MEMBER_ID), "small_person");
    ObjectNode member = Interactions.user(MEMBER_ID, "member", "<@&123> Member");
    JsonNode refused = answer(Interactions.withUser(Interactions.askedBy(
        interactions.slash("influence-settings", true, "en-US"), FakeDiscord.USER_ID, "asker"), "unlink-member", member));
    assertThat(content(refused)).startsWith("Only moderators");
    assertThat(store.links().linkOf(new Member(Platform.DISCORD, MEMBER_ID))).isPresent();

    JsonNode removed = answer(Interactions.withUser(asModerator(interactions.slash("influence-settings", true, "en-US")),
        "unlink-member", member));
    assertThat(content(removed)).isEqualTo("\\<@\u200D&123\\> Member's linked handle is removed here: the bot no longer "
        + "uses it in this chat or server (elsewhere it stays theirs).");
    assertThat(store.links().linkIn(SERVER, new Member(Platform.DISCORD, MEMBER_ID))).isEmpty();
    assertThat(store.links().linkOf(new Member(Platform.DISCORD, MEMBER_ID))).as("the member's, elsewhere").isPresent();
    assertThat(store.audit().recent(SERVER, 1).get(0).toString()).contains("unlink:" + MEMBER_ID, MODERATOR_ID);
    JsonNode again = answer(Interactions.withUser(asModerator(interactions.slash("influence-settings", true, "en-US")),
        "unlink-member", member));
    assertThat(content(again)).endsWith("Member has no linked handle.");
  }

  @Test
  void whenTheStoreCannotBeReadTheMemberGetsASentenceNotSilence() throws Exception {
    store.close();
    try {
      JsonNode message = answer(asMember(interactions.slash("influence", true, "en-US", "handle", "mid_creator")));
      assertThat(ephemeral(message)).isTrue();
      assertThat(content(message)).startsWith("Something went wrong on the bot's side");
    } finally {
      bot.close();
      startBot();
    }
  }

  // --- the owner ---

  @Test
  void debugAnswersTheOwnerAloneInAPrivateChatWithinTheEmbedLimit() throws Exception {
    JsonNode refused = answer(asMember(interactions.slash("influence-debug", true, "en-US")));
    assertThat(ephemeral(refused)).isTrue();
    assertThat(content(refused)).isEqualTo("Only the bot's owner can use /influence-debug.");
    assertThat(content(answer(interactions.slash("influence-debug", false, "fr")))).startsWith("Seul le propriétaire");

    JsonNode inServer = answer(asModerator(interactions.slash("influence-debug", true, "en-US")));
    assertThat(ephemeral(inServer)).isTrue();
    assertThat(content(inServer)).as("the owner, but in a server").startsWith("/influence-debug answers only in a private chat");

    ObjectNode inPrivate = interactions.slash("influence-debug", false, "en-US");
    inPrivate.set("user", Interactions.user(MODERATOR_ID, "moderator", "moderator"));
    JsonNode report = answer(inPrivate);
    assertThat(ephemeral(report)).isTrue();
    JsonNode embed = report.at("/embeds/0");
    assertThat(embed.get("title").asText()).isEqualTo("influence-bot debug report");
    String description = embed.get("description").asText();
    assertThat(description).hasSizeLessThanOrEqualTo(4096).startsWith("```\ninfluence-bot 0.1.0 @\u200Deveryone")
        .endsWith("x…\n```").doesNotContain("@everyone");
    assertThat(description.substring(3, description.length() - 3)).as("one code block").doesNotContain("```");
  }
}
