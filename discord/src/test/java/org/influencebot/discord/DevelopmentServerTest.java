package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start options and the bot's life cycle, each against its own fake Discord. */
class DevelopmentServerTest {
  @TempDir
  static Path dataDir;
  private static Store store;

  @BeforeAll
  static void openStore() {
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(Clock.systemUTC()));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  private CommandRunner runner(TestSource source, ExecutorService executor) {
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
    InfluenceService service = new InfluenceService(source,
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    return new CommandRunner(service, new RequestLimits(RequestLimits.Options.defaults(), Ticker.systemTicker()),
        new StoreCommunity(store), () -> "report");
  }

  @Test
  void aProcessRunningBothShardsConnectsEachThroughTheShardManagerAndRegistersCommandsOnce() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (FakeDiscord discord = new FakeDiscord()) {
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN)
          .withEndpoints(discord.restUrl(), discord.gatewayUrl()).withShards(2, 0, 1),
          runner(new TestSource(), executor), s -> Optional.empty());
      try {
        bot.start();
        bot.awaitReady();
        assertThat(bot.shards()).extracting(j -> j.getShardInfo().getShardId()).containsExactly(0, 1);
        assertThat(discord.gatewayPayloads().stream().filter(p -> p.path("op").asInt() == 2)
            .map(p -> p.at("/d/shard/0").asInt() + "/" + p.at("/d/shard/1").asInt()))
            .containsExactlyInAnyOrder("0/2", "1/2");
        Interactions interactions = new Interactions(discord);
        for (int shard : new int[] {1, 0}) {
          var interaction = interactions.slash("help", false, "en-US");
          discord.sendInteraction(interaction, shard);
          String id = interaction.get("id").asText();
          discord.await(0, c -> c.is("POST", "/callback") && c.path().contains(id), Duration.ofSeconds(10));
        }
        assertThat(discord.calls().stream().filter(c -> c.is("PUT", "/commands"))).hasSize(1);
      } finally {
        bot.close();
        executor.shutdownNow();
      }
    }
  }

  @Test
  void aProcessRunningShardOneOfTwoIdentifiesAsThatShardAndLeavesGlobalRegistrationToShardZero() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (FakeDiscord discord = new FakeDiscord()) {
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN)
          .withEndpoints(discord.restUrl(), discord.gatewayUrl()).withShards(2, 1, 1),
          runner(new TestSource(), executor), s -> Optional.empty());
      try {
        bot.start();
        bot.awaitReady();
        assertThat(bot.shards()).hasSize(1);
        assertThat(bot.shards().get(0).getShardInfo().getShardId()).isEqualTo(1);
        var identify = discord.gatewayPayloads().stream().filter(p -> p.path("op").asInt() == 2).findFirst().orElseThrow();
        assertThat(identify.at("/d/shard/0").asInt()).isEqualTo(1);
        assertThat(identify.at("/d/shard/1").asInt()).isEqualTo(2);
        assertThat(identify.at("/d/intents").asInt() & ((1 << 1) | (1 << 8) | (1 << 15)))
            .as("no privileged intent (members, presences, message content)").isZero();
        assertThat(identify.toString()).doesNotContain("\"compress\":true");
        Interactions interactions = new Interactions(discord);
        discord.sendInteraction(interactions.slash("help", false, "en-US"));
        discord.await(0, c -> c.is("POST", "/callback"), Duration.ofSeconds(10));
        assertThat(discord.calls()).noneMatch(c -> c.is("PUT", "/commands"));
      } finally {
        bot.close();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void closingWaitsForADeferredAnswerToBeSent() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    TestSource source = new TestSource();
    try (FakeDiscord discord = new FakeDiscord()) {
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN)
          .withEndpoints(discord.restUrl(), discord.gatewayUrl()), runner(source, executor), s -> Optional.empty());
      bot.start();
      bot.awaitReady();
      source.hold("megastar");
      Interactions interactions = new Interactions(discord);
      var i = interactions.slash("influence", false, "en-US", "handle", "megastar");
      discord.sendInteraction(i);
      discord.await(0, c -> c.is("POST", "/interactions/" + i.get("id").asText() + "/"), Duration.ofSeconds(10));
      Thread closer = new Thread(bot::close, "closer");
      closer.start();
      // Release the lookup only once close() is waiting, so that the answer is computed during shutdown.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (closer.getState() != Thread.State.TIMED_WAITING && closer.getState() != Thread.State.WAITING
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      source.release("megastar");
      closer.join(Duration.ofSeconds(20).toMillis());
      assertThat(closer.isAlive()).isFalse();
      FakeDiscord.Call edit = discord.await(0, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/"
          + i.get("token").asText() + "/messages/@original"), Duration.ofSeconds(1));
      assertThat(edit.json().at("/embeds/0/title").asText()).contains("megastar");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void withADevelopmentServerTheCommandsAreRegisteredThereAndNotGlobally() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (FakeDiscord discord = new FakeDiscord()) {
      CommandRunner runner = runner(new TestSource(), executor);
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN)
          .withEndpoints(discord.restUrl(), discord.gatewayUrl())
          .withDevGuild(Long.parseLong(FakeDiscord.GUILD_ID)), runner, s -> Optional.empty());
      try {
        bot.start();
        bot.awaitReady();
        FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "/guilds/" + FakeDiscord.GUILD_ID + "/commands"),
            Duration.ofSeconds(10));
        assertThat(put.json()).hasSize(9);
        // Once the server's commands are in, a help command is answered (and no global registration was made).
        Interactions interactions = new Interactions(discord);
        discord.sendInteraction(interactions.slash("help", true, "en-US"));
        discord.await(0, c -> c.is("POST", "/callback"), Duration.ofSeconds(10));
        assertThat(discord.calls()).noneMatch(c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"));
      } finally {
        bot.close();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void optionsRefuseAnImpossibleShardRangeAndNeverPrintTheToken() {
    assertThatThrownBy(() -> DiscordOptions.of("t").withShards(2, 1, 2))
        .hasMessageContaining("0..1");
    assertThatThrownBy(() -> DiscordOptions.of(" ")).hasMessageContaining("Reset Token");
    assertThat(DiscordOptions.of("very-secret-token").toString()).doesNotContain("very-secret-token");
  }
}
