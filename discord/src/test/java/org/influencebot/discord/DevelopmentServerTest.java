package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
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
import org.junit.jupiter.api.Test;

class DevelopmentServerTest {
  @Test
  void withADevelopmentServerTheCommandsAreRegisteredThereAndNotGlobally() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (FakeDiscord discord = new FakeDiscord()) {
      Clock clock = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
      InfluenceService service = new InfluenceService(new TestSource(),
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
          InfluenceService.Options.defaults());
      CommandRunner runner = new CommandRunner(service,
          new RequestLimits(RequestLimits.Options.defaults(), Ticker.systemTicker()));
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN)
          .withEndpoints(discord.restUrl(), discord.gatewayUrl())
          .withDevGuild(Long.parseLong(FakeDiscord.GUILD_ID)), runner, LinkedHandles.none(), s -> Optional.empty());
      try {
        bot.start();
        bot.awaitReady();
        FakeDiscord.Call put = discord.await(0, c -> c.is("PUT", "/guilds/" + FakeDiscord.GUILD_ID + "/commands"),
            Duration.ofSeconds(10));
        assertThat(put.json()).hasSize(4);
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
