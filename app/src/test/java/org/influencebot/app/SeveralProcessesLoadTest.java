package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.telegram.TelegramOptions;
import org.influencebot.telegram.TestTelegram;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, load: the same burst on one process and on two, full bot instances of {@link BotCluster}
 * (real Redis, real PostgreSQL, the fake Discord with two shards, the fake Bot API with webhooks through
 * the round-robin proxy). Discord: 400 {@code /influence} interactions from 400 users, half on each
 * shard. Telegram: 2000 updates (1600 private chats asking once, 80 groups with 5 askers each), posted
 * by 8 connections as Telegram does, at Telegram's real limits and with the pacing opened wide. The
 * handles are 1000 accounts of a dataset file drawn with a Zipf skew (s = 1, seeded), so some are asked
 * many times, most once. Prints per run: every question answered exactly once (asserted), the time from
 * the first question to the last answer, answers per second, time to answer p50/p99, and where the
 * summaries came from (the process's own cache, the other process's through Redis, computed).
 *
 * <p>Both processes run in this one JVM and share its cores: on a 2-core machine two processes get no
 * more CPU than one. Run with {@code mvn -o -pl app -am test -Pload -Dtest=SeveralProcessesLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("load")
class SeveralProcessesLoadTest {
  /** The emulated round trip to Discord and to the Bot API ({@code -Dload.roundTripMs}, 100 ms by default). */
  private static final Duration ROUND_TRIP = Duration.ofMillis(Long.getLong("load.roundTripMs", 100));
  private static final int INTERACTIONS = 400;
  private static final int UPDATES = 2000;
  private static final int GROUPS = 80;
  private static final int POOL = 1000;
  private static final int WARM_UP = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> HANDLES = handles(POOL + WARM_UP);

  /** What one run measured. */
  private record Run(String label, long firstQuestion, List<Long> answeredAt, List<Long> timesToAnswer,
      Optional<Sources> sources) {
    @Override
    public String toString() {
      int answers = answeredAt.size();
      double seconds = (answeredAt.get(answers - 1) - firstQuestion) / 1e9;
      // The rate between the 10th and the 90th percentile of answers: the pace once under way.
      double steady = 0.8 * answers / ((pct(answeredAt, 90) - pct(answeredAt, 10)) / 1e9);
      return String.format(Locale.ROOT, "%s: %d answered once each; first question to last answer %.2f s, %.0f"
          + " answers/s (%.1f/s from the 10th to the 90th percentile of answers; answers 1, 10%%, 50%%, 90%%, 99%%"
          + " after %.2f, %.2f, %.2f, %.2f, %.2f s); time to answer p50 %.0f ms, p99 %.0f ms; %s", label, answers,
          seconds, answers / seconds, steady, since(answeredAt.get(0)), since(pct(answeredAt, 10)),
          since(pct(answeredAt, 50)), since(pct(answeredAt, 90)), since(pct(answeredAt, 99)),
          pct(timesToAnswer, 50) / 1e6, pct(timesToAnswer, 99) / 1e6,
          sources.map(Sources::toString).orElse("cache figures not read from separate JVMs"));
    }

    private double since(long nanos) {
      return (nanos - firstQuestion) / 1e9;
    }
  }

  /** Where the lookups of a run were answered, over every process. */
  private record Sources(long lookups, long firstLevel, long fromOtherProcess, long computed) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "lookups %d: own cache %d (%.1f%%), the other process's summaries from Redis"
          + " %d (%.1f%%), computed %d (%.1f%%)", lookups, firstLevel, 100.0 * firstLevel / lookups, fromOtherProcess,
          100.0 * fromOtherProcess / lookups, computed, 100.0 * computed / lookups);
    }

    Sources plus(Sources o) {
      return new Sources(lookups + o.lookups, firstLevel + o.firstLevel, fromOtherProcess + o.fromOtherProcess,
          computed + o.computed);
    }
  }

  @Test
  void discordBurstOnOneAndTwoProcesses() throws Exception {
    String one = discord(1, Optional.empty()).toString();
    String two = discord(2, Optional.empty()).toString();
    System.out.println(one);
    System.out.println(two);
  }

  /**
   * The same, each process a JVM of its own started from the launcher's jar (built first:
   * {@code mvn -o -pl app -am package -DskipTests}); only at Telegram's real limits, which are the jar's.
   */
  @Test
  void discordBurstAndTelegramAtTheRealLimitsOnOneAndTwoSeparateJvms() throws Exception {
    Path jar = Path.of("target", "influence-bot.jar").toAbsolutePath();
    Assumptions.assumeTrue(Files.isRegularFile(jar), "build " + jar + " first: mvn -o -pl app -am package -DskipTests");
    List<String> runs = new ArrayList<>();
    for (int processes = 1; processes <= 2; processes++) {
      runs.add(discord(processes, Optional.of(jar)).toString());
    }
    for (int processes = 1; processes <= 2; processes++) {
      runs.add(telegram(processes, TelegramOptions.Pacing.telegramDefaults(), "real limits", Optional.of(jar))
          .toString());
    }
    runs.forEach(System.out::println);
  }

  @Test
  void telegramBurstAtTheRealLimitsOnOneAndTwoProcesses() throws Exception {
    String one = telegram(1, TelegramOptions.Pacing.telegramDefaults(), "real limits", Optional.empty()).toString();
    String two = telegram(2, TelegramOptions.Pacing.telegramDefaults(), "real limits", Optional.empty()).toString();
    System.out.println(one);
    System.out.println(two);
  }

  @Test
  void telegramBurstWithThePacingOpenedWideOnOneAndTwoProcesses() throws Exception {
    TelegramOptions.Pacing wide = new TelegramOptions.Pacing(Duration.ZERO, 1_000_000, 1_000_000);
    String one = telegram(1, wide, "pacing opened wide", Optional.empty()).toString();
    String two = telegram(2, wide, "pacing opened wide", Optional.empty()).toString();
    System.out.println(one);
    System.out.println(two);
  }

  /** The settings of every process: the dataset file as the source, the limits out of a burst's way. */
  private static Map<String, String> settings() {
    Map<String, String> env = new HashMap<>();
    env.put("INFLUENCE_BOT_SOURCE_DEFAULT", "file");
    env.put("INFLUENCE_BOT_SOURCE_FILE", dataset().toString());
    env.put("INFLUENCE_BOT_SOURCE_DEFAULT_NETWORK", "twitter");
    env.put("INFLUENCE_BOT_LIMITS_PER_USER_PER_MINUTE", "1000");
    env.put("INFLUENCE_BOT_LIMITS_PER_CHAT_PER_MINUTE", "100000");
    return env;
  }

  /** @param jar run each process from this jar in a JVM of its own, rather than in this JVM */
  private Run discord(int processes, Optional<Path> jar) throws Exception {
    try (BotCluster cluster = new BotCluster()) {
      cluster.discord.roundTrip(ROUND_TRIP);
      Map<String, String> env = settings();
      env.put("INFLUENCE_BOT_TELEGRAM_TOKEN", "");
      env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_URL", "");
      env.put("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", "");
      List<String> shards = processes == 1 ? List.of("0-1") : List.of("0-0", "1-1");
      List<BotCluster.Replica> replicas = new ArrayList<>();
      for (String range : shards) {
        if (jar.isPresent()) {
          cluster.startJvm(jar.get(), range, env, Files.createTempFile("discord-" + range + "-", ".log"));
        } else {
          replicas.add(cluster.start(range, env));
        }
      }
      // Warm-up, not measured: handles outside the burst's, on both shards.
      List<String> warm = new ArrayList<>();
      for (int i = 0; i < WARM_UP; i++) {
        warm.add(cluster.discord.sendInfluence(i % 2, Long.toString(1_650_000_000_000_000_000L + i),
            HANDLES.get(POOL + i)));
      }
      for (String id : warm) {
        cluster.discord.awaitAnsweredAtNanos(id);
      }
      List<Sources> before = sources(replicas);
      Random random = new Random(16);
      Zipf zipf = new Zipf(POOL, 1.0);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < INTERACTIONS; i++) {
        ids.add(cluster.discord.sendInfluence(i % 2, Long.toString(1_700_000_000_000_000_000L + i),
            HANDLES.get(zipf.sample(random))));
      }
      long first = Long.MAX_VALUE;
      List<Long> answeredAt = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      List<Long> acknowledged = new ArrayList<>();
      for (String id : ids) {
        long answered = cluster.discord.awaitAnsweredAtNanos(id);
        long sent = cluster.discord.sentAtNanos(id);
        first = Math.min(first, sent);
        answeredAt.add(answered);
        times.add(answered - sent);
        acknowledged.add(cluster.discord.acknowledgedAtNanos(id) - sent);
      }
      acknowledged.sort(null);
      Optional<Sources> used = since(before, sources(replicas));
      cluster.stopProcesses(); // what was queued is sent: anything sent twice is seen below
      for (String id : ids) {
        assertThat(cluster.discord.answers(id)).as("acknowledgements of %s", id).isEqualTo(1);
        assertThat(cluster.discord.edits(id)).as("edits of %s", id).isLessThanOrEqualTo(1);
      }
      times.sort(null);
      answeredAt.sort(null);
      return new Run(String.format(Locale.ROOT, "discord, %s%s, round trip %d ms, load average %.1f; acknowledged"
          + " p50 %.0f ms, p99 %.0f ms", processes == 1 ? "1 process running both shards" : "2 processes, one shard each",
          jar.isPresent() ? " (separate JVMs)" : "", ROUND_TRIP.toMillis(), loadAverage(), pct(acknowledged, 50) / 1e6,
          pct(acknowledged, 99) / 1e6),
          first, answeredAt, times, used);
    }
  }

  private Run telegram(int processes, TelegramOptions.Pacing pacing, String pacingName, Optional<Path> jar)
      throws Exception {
    try (BotCluster cluster = new BotCluster()) {
      TestTelegram telegram = cluster.telegram;
      telegram.roundTrip(ROUND_TRIP);
      Map<String, String> env = settings();
      env.put("INFLUENCE_BOT_DISCORD_TOKEN", "");
      env.put("INFLUENCE_BOT_DISCORD_SHARDS", "");
      List<BotCluster.Replica> replicas = new ArrayList<>();
      List<Integer> webhooks = new ArrayList<>();
      for (int p = 0; p < processes; p++) {
        if (jar.isPresent()) { // Telegram's real limits, as the launcher sets them
          webhooks.add(cluster.startJvm(jar.get(), "0-1", env, Files.createTempFile("telegram-" + p + "-", ".log"))
              .webhookPort());
        } else {
          env.put("INFLUENCE_BOT_TELEGRAM_TOKEN", ""); // started below with the pacing of this run
          BotCluster.Replica replica = cluster.start("0-1", env);
          cluster.startTelegram(replica, pacing);
          replicas.add(replica);
          webhooks.add(replica.webhookPort());
        }
      }
      RoundRobinProxy proxy = cluster.proxyTo(webhooks);
      for (int i = 0; i < WARM_UP; i++) {
        assertThat(proxy.post(telegram.privateText(2_000_000 + i, "/influence @" + HANDLES.get(POOL + i))))
            .isEqualTo(200);
      }
      telegram.awaitReplies(WARM_UP);
      List<Sources> before = sources(replicas);

      // The burst: one asker in each private chat, five in each group, handles drawn with the skew.
      Random random = new Random(16);
      Zipf zipf = new Zipf(POOL, 1.0);
      List<String> updates = new ArrayList<>();
      List<Long> chats = new ArrayList<>();
      List<Integer> messageIds = new ArrayList<>();
      for (int i = 0; i < UPDATES; i++) {
        String handle = HANDLES.get(zipf.sample(random));
        long group = -200_000 - (i / 5) % GROUPS;
        String update = i % 5 == 0
            ? telegram.groupText(group, 5_000_000 + i, "/influence@InfluenceTestBot @" + handle)
            : telegram.privateText(3_000_000 + i, "/influence @" + handle);
        JsonNode message = JSON.readTree(update).get("message");
        updates.add(update);
        chats.add(message.get("chat").get("id").asLong());
        messageIds.add(message.get("message_id").asInt());
      }
      long[] postedAt = new long[UPDATES];
      long postedAll;
      ExecutorService connections = Executors.newFixedThreadPool(8);
      try {
        List<Future<Integer>> posted = new ArrayList<>();
        for (int i = 0; i < UPDATES; i++) {
          int k = i;
          posted.add(connections.submit(() -> {
            postedAt[k] = System.nanoTime();
            return proxy.post(updates.get(k));
          }));
        }
        for (Future<Integer> status : posted) {
          assertThat(status.get()).isEqualTo(200);
        }
        postedAll = System.nanoTime();
      } finally {
        connections.shutdown();
      }
      telegram.awaitReplies(UPDATES);
      Optional<Sources> used = since(before, sources(replicas));
      List<Integer> forwarded = proxy.forwarded();
      cluster.stopProcesses(); // what was queued is sent: anything sent twice is seen below

      // Exactly once: one reply per private chat, and in each group one quoting each question.
      Map<Long, List<TestTelegram.Reply>> byChat = telegram.replies().stream()
          .filter(r -> r.chatId() >= 3_000_000 || r.chatId() < 0)
          .collect(Collectors.groupingBy(TestTelegram.Reply::chatId));
      Map<String, Long> askedAt = new HashMap<>();
      for (int i = 0; i < UPDATES; i++) {
        long chat = chats.get(i);
        askedAt.put(chat < 0 ? chat + "/" + messageIds.get(i) : Long.toString(chat), postedAt[i]);
      }
      assertThat(byChat.values().stream().mapToInt(List::size).sum()).as("replies").isEqualTo(UPDATES);
      List<Long> times = new ArrayList<>();
      long first = java.util.Arrays.stream(postedAt).min().orElseThrow();
      List<Long> replyTimes = new ArrayList<>();
      for (Map.Entry<Long, List<TestTelegram.Reply>> chat : byChat.entrySet()) {
        for (TestTelegram.Reply reply : chat.getValue()) {
          String key = chat.getKey() < 0 ? chat.getKey() + "/" + reply.quoted() : Long.toString(chat.getKey());
          Long asked = askedAt.remove(key);
          assertThat(asked).as("one reply to %s", key).isNotNull();
          times.add(reply.atNanos() - asked);
          replyTimes.add(reply.atNanos());
        }
      }
      assertThat(askedAt).as("questions left without an answer").isEmpty();
      long busy = byChat.values().stream().flatMap(List::stream)
          .filter(r -> r.shown().startsWith("Too many answers are waiting")).count();
      replyTimes.sort(null);
      int highest = TestTelegram.maxInWindow(replyTimes, Duration.ofSeconds(1));
      if (pacing.equals(TelegramOptions.Pacing.telegramDefaults())) {
        assertThat(highest).as("Telegram's 30 a second for the bot, all processes together").isLessThanOrEqualTo(30);
      }
      times.sort(null);
      return new Run(String.format(Locale.ROOT, "telegram (%s), %s%s, round trip %d ms, load average %.1f;"
          + " all posted after %.2f s, posts per process %s; highest %d replies in one second; %d told to try again"
          + " (outgoing queue full)", pacingName,
          processes == 1 ? "1 process taking every webhook" : "2 processes behind the round-robin proxy",
          jar.isPresent() ? " (separate JVMs)" : "", ROUND_TRIP.toMillis(), loadAverage(), (postedAll - first) / 1e9, forwarded, highest, busy), first, replyTimes,
          times, used);
    }
  }

  private static List<Sources> sources(List<BotCluster.Replica> replicas) {
    List<Sources> all = new ArrayList<>();
    for (BotCluster.Replica r : replicas) {
      CacheStats local = r.context().service.stats();
      InfluenceService.SharedStats shared = r.context().service.sharedStats();
      all.add(new Sources(local.requestCount(), local.hitCount(), shared.hits(), shared.misses()));
    }
    return all;
  }

  private static Optional<Sources> since(List<Sources> before, List<Sources> after) {
    if (before.isEmpty()) {
      return Optional.empty(); // separate JVMs: their caches are not visible from here
    }
    Sources total = new Sources(0, 0, 0, 0);
    for (int i = 0; i < before.size(); i++) {
      Sources b = before.get(i);
      Sources a = after.get(i);
      total = total.plus(new Sources(a.lookups - b.lookups, a.firstLevel - b.firstLevel,
          a.fromOtherProcess - b.fromOtherProcess, a.computed - b.computed));
    }
    return Optional.of(total);
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static Path dataset() {
    return Path.of(System.getProperty("shared.dir", "../../shared")).resolve("datasets/twitter-cresci-2015.jsonl")
        .toAbsolutePath();
  }

  /** The first {@code n} handles of the dataset file. */
  private static List<String> handles(int n) {
    try {
      List<String> handles = new ArrayList<>();
      for (String line : Files.readAllLines(dataset(), StandardCharsets.UTF_8)) {
        handles.add(JSON.readTree(line).get("handle").asText());
        if (handles.size() == n) {
          break;
        }
      }
      return handles;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Ranks 0..n-1 drawn with probability proportional to 1/(rank+1)^s. */
  private static final class Zipf {
    private final double[] cumulative;

    Zipf(int n, double s) {
      cumulative = new double[n];
      double sum = 0;
      for (int k = 0; k < n; k++) {
        sum += 1 / Math.pow(k + 1, s);
        cumulative[k] = sum;
      }
    }

    int sample(Random random) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int i = java.util.Arrays.binarySearch(cumulative, u);
      return i >= 0 ? i : -i - 1;
    }
  }
}
