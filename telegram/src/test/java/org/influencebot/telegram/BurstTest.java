package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many chats at once, at Telegram's real pacing (1 message a second per chat, 30 a second overall):
 * every message is answered exactly once, in order, within the limits. Prints latency and send rates
 * (timing goals are measured in the load profile, never asserted here).
 */
class BurstTest {
  private static final int CHATS = 50;
  private static final String[] HANDLES = {"mid_creator", "bought_5k", "small_person"};

  @Test
  void fiftyChatsSendingThreeMessagesEachAreAllAnsweredExactlyOnceInOrderWithinTheLimits() throws Exception {
    try (FakeBotApi api = new FakeBotApi()) {
      TelegramOptions options = api.options();
      Harness harness = new Harness(api, options, Harness.noCharts());
      try {
        harness.bot.start();
        Map<String, Integer> updateOf = new HashMap<>();
        for (int k = 0; k < HANDLES.length; k++) {
          for (int c = 0; c < CHATS; c++) {
            long chat = 5000 + c;
            int id = api.privateText(chat, "en", "/influence @" + HANDLES[k]);
            updateOf.put(chat + "/" + HANDLES[k], id);
          }
        }
        int expected = CHATS * HANDLES.length;
        List<FakeBotApi.Call> replies = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (replies.size() < expected && System.nanoTime() < deadline) {
          replies.add(api.next("sendMessage"));
        }
        assertThat(replies).hasSize(expected);

        Map<Long, List<FakeBotApi.Call>> byChat = new HashMap<>();
        for (FakeBotApi.Call r : replies) {
          byChat.computeIfAbsent(r.chatId(), x -> new ArrayList<>()).add(r);
        }
        assertThat(byChat).hasSize(CHATS);
        List<Long> latencies = new ArrayList<>();
        long closestInChat = Long.MAX_VALUE;
        for (Map.Entry<Long, List<FakeBotApi.Call>> e : byChat.entrySet()) {
          List<FakeBotApi.Call> calls = e.getValue();
          assertThat(calls).hasSize(HANDLES.length);
          List<String> answered = calls.stream().map(c -> c.text().substring(("<b>@" + TelegramHtml.WORD_JOINER).length(), c.text().indexOf(' '))).toList();
          assertThat(answered).containsExactly(HANDLES);
          for (int k = 0; k < HANDLES.length; k++) {
            int update = updateOf.get(e.getKey() + "/" + answered.get(k));
            latencies.add(calls.get(k).atNanos() - api.deliveredAt.get(update));
            if (k > 0) {
              closestInChat = Math.min(closestInChat, calls.get(k).atNanos() - calls.get(k - 1).atNanos());
            }
          }
        }
        latencies.sort(null);
        long p50 = latencies.get(latencies.size() / 2) / 1_000_000;
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1_000_000;
        int overall = maxInWindow(replies.stream().map(FakeBotApi.Call::atNanos).sorted().toList());
        int perChat = byChat.values().stream()
            .mapToInt(calls -> maxInWindow(calls.stream().map(FakeBotApi.Call::atNanos).sorted().toList())).max().orElse(0);
        System.out.printf("telegram burst: %d replies to %d chats; latency p50 %d ms, p99 %d ms; "
            + "highest rate %d/s overall, %d/s in one chat; closest two replies in one chat %d ms%n",
            expected, CHATS, p50, p99, overall, perChat, closestInChat / 1_000_000);

        // Dispatch is paced exactly; arrival at the fake may bunch by a few milliseconds.
        assertThat(overall).isLessThanOrEqualTo(options.pacing().perSecond() + 1);
        assertThat(perChat).isEqualTo(1);
        assertThat(closestInChat).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(950));
        // Latency is printed, not asserted: it measures the machine as much as the bot. The load profile
        // (TelegramLoadTest, -Pload) measures it, and docs/performance.md keeps the figures.
        assertThat(api.all().stream().filter(c -> c.method().equals("sendmessage"))).hasSize(expected);
      } finally {
        harness.close();
      }
    }
  }

  /** The most timestamps in any window of one second. */
  static int maxInWindow(List<Long> sorted) {
    int best = 0;
    int start = 0;
    for (int end = 0; end < sorted.size(); end++) {
      while (sorted.get(end) - sorted.get(start) >= 1_000_000_000L) {
        start++;
      }
      best = Math.max(best, end - start + 1);
    }
    return best;
  }
}
