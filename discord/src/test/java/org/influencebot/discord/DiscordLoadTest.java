package org.influencebot.discord;

import org.influencebot.core.testing.HeapWatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * first round on a cold JIT, rounds while the JIT still compiles, and measured rounds of the same bot once
 * warm (the goal is read on all of those acknowledgements together). {@code -Dload.cpu=true} adds the CPU
 * each kind of thread, the JIT and the GC spent in each round.
 * Run with {@code mvn -o -pl discord -am test -Pload -Dtest=DiscordLoadTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("load")
class DiscordLoadTest {
  @TempDir
  Path dataDir;
  /** The emulated round trip to Discord ({@code -Dload.roundTripMs}, 100 ms by default; 0 for none). */
  private static final Duration ROUND_TRIP = Duration.ofMillis(Long.getLong("load.roundTripMs", 100));
  /** Rounds between the cold one and the measured ones ({@code -Dload.warmingRounds}, 9 by default). */
  private static final int WARMING_ROUNDS = Integer.getInteger("load.warmingRounds", 9);
  /** Measured rounds once warm ({@code -Dload.warmRounds}, 5 by default). */
  private static final int WARM_ROUNDS = Integer.getInteger("load.warmRounds", 5);
  private static final String[] CACHED = {"mid_creator", "megastar", "bought_5k", "bot_amplified", "weather_bot",
      "brand_new"};

  @Test
  void twoHundredInteractionsAtOnceAreAllAcknowledgedAndAnswered() throws Exception {
    try (FakeDiscord discord = new FakeDiscord()) {
      discord.roundTrip = ROUND_TRIP;
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
          discord.gatewayUrl()), new CommandRunner(service, limits,
          org.influencebot.core.command.RememberedRules.of(new StoreCommunity(store), executor), () -> "report"),
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
        // Round 1 on a cold JIT; then rounds while the JIT is still compiling (a bot that has answered a
        // few hundred interactions); then the measured warm rounds, a bot in its steady state. The JIT
        // (C2) keeps compiling the answer path for about 1,000 interactions: the second round alone
        // still spends as much CPU compiling as answering (-Dload.cpu=true shows it).
        round("cold", "fresh1", discord, interactions, source);
        for (int r = 1; r <= WARMING_ROUNDS; r++) {
          round("warming " + r, "fresh" + (r + 1), discord, interactions, source);
        }
        List<Long> warm = new ArrayList<>();
        List<String> p99s = new ArrayList<>();
        for (int r = 1; r <= WARM_ROUNDS; r++) {
          List<Long> ack = round("warm " + r, "fresh" + (WARMING_ROUNDS + r + 1), discord, interactions, source);
          warm.addAll(ack);
          p99s.add(String.format("%.1f", pct(ack, 99) / 1e6));
        }
        warm.sort(null);
        double warmP99 = pct(warm, 99) / 1e6;
        // Discord's own limit (3 s) is asserted in each round; the goal (p99 under 300 ms) is reported.
        System.out.printf("discord load: round trip %d ms; after %d interactions, %d warm rounds: p99 of each %s ms;"
            + " all %d warm acknowledgements p50 %.1f ms p99 %.1f ms max %.1f ms; goal p99 < 300 ms once warm %s%n",
            ROUND_TRIP.toMillis(), 200 * (WARMING_ROUNDS + 1), WARM_ROUNDS, p99s, warm.size(), pct(warm, 50) / 1e6,
            warmP99, warm.get(warm.size() - 1) / 1e6, warmP99 < 300 ? "met" : "MISSED");
      } finally {
        source.releaseAll();
        bot.close();
        executor.shutdownNow();
        store.close();
      }
    }
  }

  /** Sends 200 interactions at once; returns the times to acknowledge in nanoseconds, sorted. */
  private static List<Long> round(String label, String held, FakeDiscord discord, Interactions interactions,
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
    discord.takeMostInFlight();
    try (HeapWatch heap = new HeapWatch()) {
      Map<Long, Long> cpuBefore = threadCpu();
      long processCpuBefore = processCpu();
      long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
      long gcBefore = gcMillis();
      long started = System.nanoTime();
      for (ObjectNode i : batch) {
        discord.sendInteraction(i);
      }
      long sentAll = System.nanoTime() - started;
      if (Boolean.getBoolean("load.threads")) {
        printBotThreads();
      }
      Map<String, FakeDiscord.Call> callbacks = new HashMap<>();
      for (ObjectNode i : batch) {
        String id = i.get("id").asText();
        callbacks.put(id, discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), Duration.ofSeconds(20)));
      }
      long acknowledgedAll = System.nanoTime() - started;
      if (Boolean.getBoolean("load.cpu")) {
        printCpu(cpuBefore, processCpuBefore, acknowledgedAll);
        System.out.printf("  JIT compiling %d ms, GC %d ms%n",
            ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore,
            gcMillis() - gcBefore);
      }
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
      // Exactly one callback per interaction (counted in one pass over this round's calls).
      Map<String, Integer> callbacksPerPath = new HashMap<>();
      List<FakeDiscord.Call> all = discord.calls();
      for (FakeDiscord.Call c : all.subList(from, all.size())) {
        if (c.method().equals("POST") && c.path().contains("/interactions/")) {
          callbacksPerPath.merge(c.path(), 1, Integer::sum);
        }
      }
      List<Long> ack = new ArrayList<>();
      for (ObjectNode i : batch) {
        String id = i.get("id").asText();
        ack.add(callbacks.get(id).atNanos() - discord.sentAtNanos(id));
        String needle = "/interactions/" + id + "/";
        assertThat(callbacksPerPath.entrySet().stream().filter(e -> e.getKey().contains(needle))
            .mapToInt(Map.Entry::getValue).sum()).as("callbacks to interaction %s", id).isEqualTo(1);
      }
      ack.sort(null);
      System.out.printf("discord load (%s): 200 interactions sent over the gateway in %.1f ms, all acknowledged after"
          + " %.1f ms (%d deferred, all edited after %.1f ms); time to acknowledge p50 %.1f ms p99 %.1f ms"
          + " max %.1f ms; at most %d REST calls in flight at once; %s%n", label, sentAll / 1e6, acknowledgedAll / 1e6,
          deferred, answeredAll / 1e6, pct(ack, 50) / 1e6, pct(ack, 99) / 1e6, ack.get(ack.size() - 1) / 1e6,
          discord.takeMostInFlight(), heap.report());
      assertThat(ack.get(ack.size() - 1)).as("every acknowledgement within Discord's 3 s")
          .isLessThan(TimeUnit.SECONDS.toNanos(3));
      assertThat(heap.maxSampledUsed()).isLessThan(Runtime.getRuntime().maxMemory() / 2);
      return ack;
    }
  }

  /** {@code -Dload.threads=true}: where the bot's threads are, 200 ms into the round (the cause of a queue). */
  private static void printBotThreads() throws InterruptedException {
    Thread.sleep(200); // a diagnostic snapshot, not a wait for a result
    Map<String, Integer> at = new java.util.TreeMap<>();
    Thread.getAllStackTraces().forEach((t, stack) -> {
      String frames = java.util.Arrays.stream(stack).limit(14).map(StackTraceElement::toString)
          .reduce((a, b) -> a + "\n      " + b).orElse("");
      at.merge(t.getName().replaceAll("\\d+", "N") + " " + t.getState() + "\n      " + frames, 1, Integer::sum);
    });
    at.forEach((k, n) -> System.out.println(n + " × " + k));
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static Map<Long, Long> threadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      cpu.put(id, threads.getThreadCpuTime(id));
    }
    return cpu;
  }

  /** {@code -Dload.cpu=true}: the CPU each kind of thread spent until every interaction was acknowledged. */
  static void printCpu(Map<Long, Long> before, long processBefore, long wallNanos) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> byKind = new java.util.TreeMap<>();
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      long now = threads.getThreadCpuTime(id);
      if (info != null && now > 0) {
        byKind.merge(info.getThreadName().replaceAll("\\d+", "N"), now - before.getOrDefault(id, 0L), Long::sum);
      }
    }
    System.out.printf("cpu until all acknowledged (%.0f ms wall): process %.0f ms%n", wallNanos / 1e6,
        (processCpu() - processBefore) / 1e6);
    byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(15)
        .forEach(e -> System.out.printf("  %7.1f ms  %s%n", e.getValue() / 1e6, e.getKey()));
  }

  static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
