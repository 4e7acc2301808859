package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.chart.ComparisonChart;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chart not drawn yet never holds the acknowledgements: with the only chart's drawing held, more
 * interactions than the adapter has acknowledging threads ask for it, and every one of them, and a
 * {@code /help} after them, is acknowledged before the drawing ends; then each deferred reply is edited
 * in with the chart.
 */
class ChartDrawingTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final byte[] PNG = DiscordBotEndToEndTest.PNG;

  @TempDir
  Path dataDir;

  @Test
  void aChartBeingDrawnNeverHoldsTheAcknowledgementOfOtherInteractions() throws Exception {
    CountDownLatch drawing = new CountDownLatch(1);
    Set<String> drawnOn = ConcurrentHashMap.newKeySet();
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    InfluenceService service = new InfluenceService(new TestSource(),
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
        Ticker.systemTicker());
    // A chart that takes as long as the test says, like a real one on a busy machine.
    DiscordEmbeds embeds = new DiscordEmbeds(clock, (summary, m) -> {
      drawnOn.add(Thread.currentThread().getName());
      try {
        drawing.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.of(PNG);
    }, ComparisonChart.none());
    try (FakeDiscord discord = new FakeDiscord();
        Store store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock))) {
      store.settings().change(Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
      Interactions interactions = new Interactions(discord);
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(),
          discord.gatewayUrl()), new CommandRunner(service, limits, new StoreCommunity(store), () -> "report"), embeds);
      try {
        bot.start();
        discord.await(0, c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"), WAIT);
        bot.awaitReady();
        // The summary is cached; its chart is not drawn: every ask defers, and the first one starts drawing.
        service.summary(HandleParser.parse("mid_creator")).get(10, TimeUnit.SECONDS);
        int from = discord.callCount();
        List<ObjectNode> asks = new ArrayList<>();
        for (int i = 0; i < DiscordBot.STORE_THREADS + DiscordBot.RENDER_THREADS + 2; i++) {
          ObjectNode ask = interactions.slash("influence", i % 2 == 0, "en-US", "handle", "mid_creator");
          asks.add(ask);
          discord.sendInteraction(ask);
        }
        ObjectNode help = interactions.slash("help", false, "en-US");
        discord.sendInteraction(help);
        for (ObjectNode ask : asks) {
          String id = ask.get("id").asText();
          FakeDiscord.Call ack = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
          assertThat(ack.json().get("type").asInt()).as("deferred while the chart is drawn").isEqualTo(5);
        }
        String helpId = help.get("id").asText();
        assertThat(discord.await(from, c -> c.is("POST", "/interactions/" + helpId + "/"), WAIT).json()
            .get("type").asInt()).as("help answered at once").isEqualTo(4);
        assertThat(drawing.getCount()).as("all acknowledged while the chart was still being drawn").isEqualTo(1);

        drawing.countDown();
        for (ObjectNode ask : asks) {
          String token = ask.get("token").asText();
          FakeDiscord.Call edit = discord.await(from, c -> c.is("PATCH",
              "/webhooks/" + FakeDiscord.APP_ID + "/" + token + "/messages/@original"), WAIT);
          assertThat(edit.body()).contains("filename=\"chart.png\"");
        }
        assertThat(drawnOn).as("drawn off the acknowledging threads").isNotEmpty()
            .allSatisfy(name -> assertThat(name).startsWith("discord-render-"));
      } finally {
        drawing.countDown();
        bot.close();
        executor.shutdownNow();
      }
    }
  }
}
