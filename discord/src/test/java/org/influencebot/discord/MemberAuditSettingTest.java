package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.influencebot.discord.DiscordBotEndToEndTest.assertPingsNobody;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.members.MemberAudits;
import org.influencebot.core.members.MemoryMemberLog;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.text.Messages;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code discord.member_audit} as an operator meets it: off, no privileged intent and a sentence saying how to turn
 * audits on; on but refused by Discord (close code 4014), a start that fails with one sentence.
 */
class MemberAuditSettingTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String MODERATOR_ID = "1820000000000000002";
  private static final long GUILD_MEMBERS = 1L << 1;
  private static final long GUILD_MESSAGES = 1L << 9;

  @TempDir
  Path dataDir;
  private FakeDiscord discord;
  private ExecutorService executor;
  private Store store;
  private CommandRunner runner;
  private DiscordBot bot;

  @BeforeEach
  void setUp() throws Exception {
    discord = new FakeDiscord();
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    executor = Executors.newFixedThreadPool(2);
    InfluenceService service = new InfluenceService(new TestSource(),
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
        Ticker.systemTicker());
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
    store.settings().change(Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
    runner = new CommandRunner(service, limits, new StoreCommunity(store), () -> "report");
    runner.auditMembersWith(MemberAudits.of(new MemoryMemberLog(), clock));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (bot != null) {
      bot.close();
    }
    executor.shutdownNow();
    discord.close();
    store.close();
  }

  private DiscordOptions options() {
    return DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl());
  }

  @Test
  void offByDefaultNoPrivilegedIntentIsAskedAndTheCommandSaysExactlyHowToTurnItOn() throws Exception {
    bot = new DiscordBot(options(), runner, s -> Optional.empty());
    bot.start();
    bot.awaitReady();
    assertThat(discord.identifyIntents() & (GUILD_MEMBERS | GUILD_MESSAGES)).as("no members or messages intent")
        .isZero();

    ObjectNode interaction = Interactions.askedBy(new Interactions(discord).slash(SlashCommands.MEMBERS, true, "en-US"),
        MODERATOR_ID, "moderator", FakeDiscord.MODERATOR_ROLE_ID);
    String token = interaction.get("token").asText();
    int from = discord.callCount();
    discord.sendInteraction(interaction);
    // Deferred in the channel (a moderator's audit is public), then the sentence for the moderator alone.
    FakeDiscord.Call sentence = discord.await(from, c -> c.is("POST", "/webhooks/" + FakeDiscord.APP_ID + "/" + token),
        WAIT);
    assertThat(sentence.json().path("flags").asInt(0) & 64).as("ephemeral").isEqualTo(64);
    assertPingsNobody(sentence.json());
    assertThat(sentence.json().path("content").asText()).isEqualTo("Member audits are off on this bot. To turn them "
        + "on, its operator sets discord.member\\_audit: true in the bot's configuration, enables \"Server Members "
        + "Intent\" in the Discord Developer Portal (Applications → the bot → Bot → Privileged Gateway Intents), and "
        + "restarts the bot.");
    discord.await(from, c -> c.is("DELETE", "/webhooks/" + FakeDiscord.APP_ID + "/" + token), WAIT);
    assertThat(discord.memberRequests()).isEmpty();
  }

  @Test
  void whenDiscordRefusesTheMembersIntentTheStartFailsWithOneSentence() throws Exception {
    discord.identifyCloseCode = 4014;
    bot = new DiscordBot(options().withMemberAudit(true), runner, s -> Optional.empty());
    bot.start();
    assertThatThrownBy(bot::awaitReady)
        .isInstanceOf(DiscordStartException.class)
        .hasMessage(Messages.english().get("discord.members.intent_refused"))
        .hasNoCause();
    assertThat(Messages.english().get("discord.members.intent_refused"))
        .contains("Server Members Intent", "Privileged Gateway Intents", "discord.member_audit: false")
        .doesNotContain("\n");
  }
}
