package org.influencebot.discord;

import org.influencebot.core.testing.HeapWatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.HandleParser;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;

/**
 * Issue 9, load: 200 interactions arriving at once through the fake gateway, to the real JDA client and
 * the real core: 120 {@code /influence} of summaries already cached (answered at once), 40 of an account
 * whose lookup is held until all 200 are acknowledged (deferred, then edited), 40 {@code /help}. Every one must be
 * acknowledged, within Discord's 3 s; every deferred one must get its edit. Prints the time to
 * acknowledge (gateway frame sent by the fake → callback received by the fake) and the peak heap, for a
 * first round on a cold JIT and a second round on the same, now warm, bot.
 * Run with {@code mvn -o -pl discord -am test -Pload -Dtest=DiscordLoadTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("load")
class DiscordLoadTest {
  @TempDir
  Path dataDir;
  private static final String[] CACHED = {"mid_creator", "megastar", "bought_5k", "bot_amplified", "weather_bot",
      "brand_new"};

  @Test
  void twoHundredInteractionsAtOnceAreAllAcknowledgedAndAnswered() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      Interactions interactions = new Interactions(discord);
      TestSource source = new TestSource();
      Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
      ExecutorService executor = Executors.newFixedThreadPool(2);
      InfluenceService service = new InfluenceService(source,
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
          InfluenceService.Options.defaults());
      RequestLimits limits = new RequestLimits(
          new RequestLimits.Options(100_000, Duration.ofMinutes(1), 100_000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
          Ticker.systemTicker());
      Store store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
      store.settings().change(Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
      DiscordBot bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(),
          discord.gatewayUrl()), new CommandRunner(service, limits, new StoreCommunity(store), () -> "report"),
          s -> Optional.empty());
      try {
        bot.start();
        discord.await(0, c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"), Duration.ofSeconds(20));
        bot.awaitReady();
        for (String h : CACHED) {
          service.summary(HandleParser.parse(h)).get(10, TimeUnit.SECONDS);
        }
        // Warm-up of the JDA path, not measured: one interaction of each kind.
        for (ObjectNode warm : List.of(interactions.slash("influence", true, "en-US", "handle", "mid_creator"),
            interactions.slash("help", false, "en-US"))) {
          int from = discord.callCount();
          discord.sendInteraction(warm);
          discord.await(from, c -> c.is("POST", "/interactions/" + warm.get("id").asText() + "/"), Duration.ofSeconds(10));
        }
        // Round 1 on a cold JIT, round 2 on the same bot once warm: both measured and printed.
        round("cold", "small_person", discord, interactions, source);
        double warmP99 = round("warm", "counts_only", discord, interactions, source);
        // Discord's own limit (3 s) is asserted in each round; the goal (p99 under 100 ms) is reported.
        System.out.printf("discord load: goal p99 < 100 ms once warm %s (%.1f ms)%n", warmP99 < 100 ? "met" : "MISSED",
            warmP99);
      } finally {
        source.release("small_person");
        source.release("counts_only");
        bot.close();
        executor.shutdownNow();
        store.close();
      }
    }
  }

  /** Sends 200 interactions at once; returns the p99 time to acknowledge in milliseconds. */
  private static double round(String label, String held, FakeDiscord discord, Interactions interactions,
      TestSource source) throws Exception {
    source.hold(held);
    List<ObjectNode> batch = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int kind = i % 5;
      batch.add(kind == 3 ? interactions.slash("influence", i % 2 == 0, "en-US", "handle", held)
          : kind == 4 ? interactions.slash("help", i % 2 == 0, i % 3 == 0 ? "fr" : "en-US")
          : interactions.slash("influence", i % 2 == 0, "en-US", "handle", CACHED[i % CACHED.length]));
    }
    int from = discord.callCount();
    try (HeapWatch heap = new HeapWatch()) {
      long started = System.nanoTime();
      for (ObjectNode i : batch) {
        discord.sendInteraction(i);
      }
      long sentAll = System.nanoTime() - started;
      Map<String, FakeDiscord.Call> callbacks = new HashMap<>();
      for (ObjectNode i : batch) {
        String id = i.get("id").asText();
        callbacks.put(id, discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), Duration.ofSeconds(20)));
      }
      long acknowledgedAll = System.nanoTime() - started;
      source.release(held);
      int deferred = 0;
      for (ObjectNode i : batch) {
        int type = callbacks.get(i.get("id").asText()).json().get("type").asInt();
        if (type == 5) {
          deferred++;
          String token = i.get("token").asText();
          discord.await(from, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + token + "/messages/@original"),
              Duration.ofSeconds(20));
        } else {
          assertThat(type).isEqualTo(4);
        }
      }
      long answeredAll = System.nanoTime() - started;
      assertThat(deferred).isEqualTo(40);
      List<Long> ack = new ArrayList<>();
      for (ObjectNode i : batch) {
        String id = i.get("id").asText();
        ack.add(callbacks.get(id).atNanos() - discord.sentAtNanos(id));
        // Exactly one callback per interaction.
        assertThat(discord.calls().stream().filter(c -> c.is("POST", "/interactions/" + id + "/"))).hasSize(1);
      }
      ack.sort(null);
      System.out.printf("discord load (%s): 200 interactions sent over the gateway in %.1f ms, all acknowledged after"
          + " %.1f ms (%d deferred, all edited after %.1f ms); time to acknowledge p50 %.1f ms p99 %.1f ms"
          + " max %.1f ms; %s%n", label, sentAll / 1e6, acknowledgedAll / 1e6, deferred, answeredAll / 1e6,
          pct(ack, 50) / 1e6, pct(ack, 99) / 1e6, ack.get(ack.size() - 1) / 1e6, heap.report());
      assertThat(ack.get(ack.size() - 1)).as("every acknowledgement within Discord's 3 s")
          .isLessThan(TimeUnit.SECONDS.toNanos(3));
      assertThat(heap.maxSampledUsed()).isLessThan(Runtime.getRuntime().maxMemory() / 2);
      return pct(ack, 99) / 1e6;
    }
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
