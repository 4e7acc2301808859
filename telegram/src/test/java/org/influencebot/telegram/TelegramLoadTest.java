package org.influencebot.telegram;

import org.influencebot.core.testing.HeapWatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, load: 1000 updates from 200 chats (160 private chats, 40 groups; 5 questions each, about 5
 * different accounts) through the real TelegramBots client and {@link FakeBotApi}, the real core behind.
 * Every update must be answered exactly once, in order within its chat, and the sends must keep within
 * the limits. Run with {@code mvn -o -pl telegram -am test -Pload -Dtest=TelegramLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Latency apart from the pacing: at the real limits a reply usually waits on purpose (its chat's
 * previous reply went less than a second ago, or 30 went in the last second). For each reply the test
 * computes the earliest moment the limits allowed it, from what the fake saw: the later of the update's
 * delivery, the previous reply in the same chat + 1 s, the 30th-previous reply overall + 1 s and (groups)
 * the 20th-previous reply in the group + 60 s. Its "lateness" is the send time minus that moment: the
 * bot's own delay (work, queueing behind its own threads, round trips), not the deliberate one. The
 * second run opens the pacing wide: all 1000 then queue at once inside the bot, so its delivery-to-reply
 * times measure throughput (the 1000th waits for the 999 before it) rather than one reply's own delay.
 */
@Tag("load")
class TelegramLoadTest {
  private static final int CHATS = 200;
  private static final int GROUPS = 40;
  private static final int PER_CHAT = 5;
  private static final String[] HANDLES = {"mid_creator", "bought_5k", "small_person", "megastar", "bot_amplified"};
  private static final int WARM_UP = 2 * HANDLES.length;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  /** The emulated round trip to the Bot API ({@code -Dload.roundTripMs}, 100 ms by default; 0 for none). */
  private static final Duration ROUND_TRIP = Duration.ofMillis(Long.getLong("load.roundTripMs", 100));

  @Test
  void thousandUpdatesFrom200ChatsAtTheRealLimits() throws Exception {
    run(TelegramOptions.Pacing.telegramDefaults(), true);
  }

  @Test
  void thousandUpdatesFrom200ChatsWithThePacingOpenedWide() throws Exception {
    run(new TelegramOptions.Pacing(Duration.ZERO, 1_000_000, 1_000_000), false);
  }

  private static long chatId(int c) {
    return c < GROUPS ? -100_000 - c : 7_000 + c;
  }

  private void run(TelegramOptions.Pacing pacing, boolean realLimits) throws Exception {
    try (FakeBotApi api = new FakeBotApi()) {
      api.roundTrip = ROUND_TRIP;
      TelegramOptions options = api.options().withPacing(pacing);
      // The real charts: every answer is one photo with the summary as its caption, each chart uploaded
      // once (the warm-up) and then sent by its file_id.
      Harness harness = new Harness(api, options, org.influencebot.core.chart.Charts::summaryChart);
      try (HeapWatch heap = new HeapWatch()) {
        harness.bot.start();
        // Warm-up, not measured: one question per account from five other private chats and five other
        // groups (JIT, connections, store, the five summaries in the cache). The load then measures the
        // adapter with the summaries cached; computing a summary is benchmarked on its own (AnalyzeBenchmark).
        long warmUpStarted = System.nanoTime();
        for (int i = 0; i < HANDLES.length; i++) {
          api.privateText(6_900 + i, "en", "/influence @" + HANDLES[i]);
          api.groupText(-6_900 - i, 6_900 + i, "en", "/influence@" + FakeBotApi.BOT_NAME + " @" + HANDLES[i]);
        }
        for (int i = 0; i < WARM_UP; i++) {
          api.next(FakeBotApi.Call::isNewMessage);
        }
        long warmUp = System.nanoTime() - warmUpStarted;
        long started = System.nanoTime();
        Map<String, Integer> updateOf = new HashMap<>();
        for (int k = 0; k < PER_CHAT; k++) {
          for (int c = 0; c < CHATS; c++) {
            long chat = chatId(c);
            long user = 90_000 + c;
            int id = chat < 0
                ? api.groupText(chat, user, "en", "/influence@" + FakeBotApi.BOT_NAME + " @" + HANDLES[k])
                : api.privateText(chat, "en", "/influence @" + HANDLES[k]);
            updateOf.put(chat + "/" + HANDLES[k], id);
          }
        }
        int expected = CHATS * PER_CHAT;
        List<FakeBotApi.Call> replies = new ArrayList<>();
        while (replies.size() < expected) {
          replies.add(api.next(FakeBotApi.Call::isNewMessage));
        }
        long elapsed = System.nanoTime() - started;
        replies.sort(Comparator.comparingLong(FakeBotApi.Call::atNanos));

        // Exactly once, in order, per chat.
        Map<Long, List<FakeBotApi.Call>> byChat = new HashMap<>();
        for (FakeBotApi.Call r : replies) {
          byChat.computeIfAbsent(r.chatId(), x -> new ArrayList<>()).add(r);
        }
        assertThat(byChat).hasSize(CHATS);
        for (List<FakeBotApi.Call> calls : byChat.values()) {
          assertThat(calls.stream().map(TelegramLoadTest::handleOf).toList()).containsExactly(HANDLES);
        }
        // Nothing more arrives: no duplicate sends, no second message per answer.
        Thread.sleep(realLimits ? 1500 : 500);
        assertThat(api.all().stream().filter(FakeBotApi.Call::isNewMessage)).hasSize(expected + WARM_UP);
        long uploads = replies.stream().filter(FakeBotApi.Call::uploadedPhoto).count();
        long photos = replies.stream().filter(c -> c.method().equals("sendphoto")).count();
        long firstDelivery = updateOf.values().stream().mapToLong(api.deliveredAt::get).min().orElseThrow();
        long lastAfter = replies.get(replies.size() - 1).atNanos() - firstDelivery;

        // Rates, as the fake saw them.
        List<Long> times = replies.stream().map(FakeBotApi.Call::atNanos).toList();
        int overall = BurstTest.maxInWindow(times);
        int perChat = byChat.values().stream()
            .mapToInt(cs -> BurstTest.maxInWindow(cs.stream().map(FakeBotApi.Call::atNanos).toList())).max().orElse(0);
        int perGroupMinute = byChat.entrySet().stream().filter(e -> e.getKey() < 0)
            .mapToInt(e -> maxInWindow(e.getValue().stream().map(FakeBotApi.Call::atNanos).toList(), 60 * SECOND))
            .max().orElse(0);

        // Latencies.
        List<Long> endToEnd = new ArrayList<>();
        List<Long> lateness = new ArrayList<>();
        Map<Long, Integer> seenInChat = new HashMap<>();
        List<Long> allSends = api.all().stream().filter(FakeBotApi.Call::isNewMessage)
            .map(FakeBotApi.Call::atNanos).sorted().toList();
        for (int i = 0; i < replies.size(); i++) {
          FakeBotApi.Call r = replies.get(i);
          long delivered = api.deliveredAt.get(updateOf.get(r.chatId() + "/" + handleOf(r)));
          endToEnd.add(r.atNanos() - delivered);
          long allowed = delivered;
          int k = seenInChat.merge(r.chatId(), 1, Integer::sum) - 1;
          List<FakeBotApi.Call> chatCalls = byChat.get(r.chatId());
          if (k > 0) {
            allowed = Math.max(allowed, chatCalls.get(k - 1).atNanos() + pacing.perChat().toNanos());
          }
          if (r.chatId() < 0 && k >= pacing.perGroupPerMinute()) {
            allowed = Math.max(allowed, chatCalls.get(k - pacing.perGroupPerMinute()).atNanos() + 60 * SECOND);
          }
          // The overall window counts every send, the warm-up's included.
          int j = Collections.binarySearch(allSends, r.atNanos());
          if (j >= pacing.perSecond()) {
            allowed = Math.max(allowed, allSends.get(j - pacing.perSecond()) + SECOND);
          }
          lateness.add(r.atNanos() - allowed);
          if (Boolean.getBoolean("load.diagnose") && (i % 50 == 0 || r.atNanos() - allowed > 150 * 1_000_000L)) {
            System.out.printf("late %d ms: reply %d chat %d k %d delivered +%d ms allowed +%d ms sent +%d ms%n",
                (r.atNanos() - allowed) / 1_000_000, i, r.chatId(), k, (delivered - started) / 1_000_000,
                (allowed - started) / 1_000_000, (r.atNanos() - started) / 1_000_000);
          }
        }
        endToEnd.sort(null);
        lateness.sort(null);
        System.out.printf("telegram load (%s, round trip %d ms): %d answers in one message each (%d photos, %d charts"
            + " uploaded, the rest by file_id); last answer %.1f s after the first update was delivered%n",
            realLimits ? "real limits" : "pacing opened wide", ROUND_TRIP.toMillis(), replies.size(), photos, uploads,
            lastAfter / 1e9);
        System.out.printf("telegram load (%s): %d updates, %d chats (%d groups), all answered once in order in %.1f s;"
            + " delivery to reply p50 %.1f ms p99 %.1f ms max %.1f ms; beyond the pacing p50 %.1f ms p99 %.1f ms"
            + " max %.1f ms; highest rate %d/s overall, %d/s in one chat, %d/min in one group; %s;"
            + " (cold warm-up: 10 questions answered in %.0f ms)%n",
            realLimits ? "real limits" : "pacing opened wide", expected, CHATS, GROUPS, elapsed / 1e9,
            ms(pct(endToEnd, 50)), ms(pct(endToEnd, 99)), ms(endToEnd.get(endToEnd.size() - 1)),
            ms(pct(lateness, 50)), ms(pct(lateness, 99)), ms(lateness.get(lateness.size() - 1)),
            overall, perChat, perGroupMinute, heap.report(), ms(warmUp));

        if (realLimits) {
          // Dispatch is paced from Telegram's answers; arrival at the fake may bunch by a millisecond or two.
          assertThat(overall).isLessThanOrEqualTo(pacing.perSecond() + 1);
          assertThat(perChat).isEqualTo(1);
          assertThat(perGroupMinute).isLessThanOrEqualTo(pacing.perGroupPerMinute());
          // The goal is reported, not asserted: on two shared cores it was met in one run and missed in the
          // next (docs/performance.md, "Load"); the limits and "exactly once" above are the hard checks.
          System.out.printf("telegram load: goal p99 beyond the pacing < 200 ms %s (%.1f ms); goal last answer"
              + " within 40 s %s (%.1f s)%n", ms(pct(lateness, 99)) < 200 ? "met" : "MISSED", ms(pct(lateness, 99)),
              lastAfter < 40 * SECOND ? "met" : "MISSED", lastAfter / 1e9);
          assertThat(uploads).as("each chart uploaded once, in the warm-up").isZero();
        } else {
          // 1000 questions arriving within a few polls make a queue: the last waits for the 999 before it,
          // so this run's tail measures throughput, not a reply's own latency. Bound it loosely.
          assertThat(elapsed).as("1000 replies with the pacing opened").isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
        assertThat(heap.maxSampledUsed()).isLessThan(Runtime.getRuntime().maxMemory() / 2);
      } finally {
        harness.close();
      }
    }
  }

  private static String handleOf(FakeBotApi.Call reply) {
    String text = reply.shown(); // "<b>@\u2060handle ..."
    return text.substring(("<b>@" + TelegramHtml.WORD_JOINER).length(), text.indexOf(' '));
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  static int maxInWindow(List<Long> sorted, long window) {
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= window) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
