package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influencebot.discord.TestDiscord;
import org.influencebot.telegram.TestTelegram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The proof of issue 16: two full bot instances (each with its own cache, limits, Discord shard
 * manager and Telegram webhook server) against one real Redis and one real PostgreSQL, a fake Discord
 * with two shards and a fake Telegram whose webhook posts go through a round-robin proxy ({@link BotCluster}).
 */
class SeveralProcessesTest {
  /** A user's limit of 2 a minute, and one Mastodon lookup's worth of budget per 5 minutes for the whole bot. */
  private static final Map<String, String> LIMITS = Map.of("INFLUENCE_BOT_LIMITS_PER_USER_PER_MINUTE", "2",
      "INFLUENCE_BOT_SOURCE_MASTODON_REQUESTS_PER_5MIN", "1");

  private final BotCluster cluster;

  SeveralProcessesTest() throws java.io.IOException {
    cluster = new BotCluster();
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void twoReplicasShareTheWorkTheCacheTheLimitsAndTheBudgetsAndOneKeepsAnsweringWhenTheOtherStops()
      throws Exception {
    BotCluster.Replica a = cluster.start("0-0", LIMITS);
    BotCluster.Replica b = cluster.start("1-1", LIMITS);
    assertThat(a.output()).contains("shards 0-0 of 2").contains("by webhook");
    assertThat(b.output()).contains("shards 1-1 of 2").contains("by webhook");
    TestDiscord discord = cluster.discord;
    TestTelegram telegram = cluster.telegram;
    RoundRobinProxy proxy = cluster.proxy(List.of(a, b));
    // Discord: each shard's interactions reach the process running it, answered once.
    List<String> interactions = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      interactions.add(discord.sendHelp(i % 2, Long.toString(1_600_000_000_000_000_000L + i)));
    }
    for (String id : interactions) {
      discord.awaitAnswer(id);
    }
    assertThat(interactions).allSatisfy(id -> assertThat(discord.answers(id)).as(id).isEqualTo(1));
    assertThat(discord.commandRegistrations()).as("only the process running shard 0 registers").isEqualTo(1);

    // Telegram: updates spread over both replicas by the proxy, each answered once.
    for (long user = 1000; user < 1020; user++) {
      assertThat(proxy.post(telegram.privateText(user, "/help"))).isEqualTo(200);
    }
    for (long user = 1000; user < 1020; user++) {
      assertThat(telegram.awaitReplyTo(user)).isNotEmpty();
    }
    assertThat(proxy.forwarded()).containsExactly(10, 10);
    assertThat(telegram.calls("setwebhook")).isEqualTo(2);

    // The shared cache: what A computed, B serves.
    proxy.post(telegram.privateText(2000, "/influence @mid_creator")); // to A
    telegram.awaitReplyTo(2000);
    proxy.post(telegram.privateText(2001, "/influence @mid_creator")); // to B
    assertThat(telegram.awaitReplyTo(2001)).contains("from cache");
    assertThat(b.context().service.sharedStats().hits()).isEqualTo(1);
    assertThat(DebugReport.of(b.context())).contains("shared cache: 1 hits").contains("redis redis://127.0.0.1")
        .contains(": up").contains("limits shared with the other processes");

    // A user's limit (2 a minute here) holds across both replicas.
    proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // A
    assertThat(telegram.awaitReplyTo(3000)).doesNotContain("asking a bit fast");
    proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // B
    assertThat(telegram.awaitReplyTo(3000)).doesNotContain("asking a bit fast");
    proxy.post(telegram.privateText(3000, "/influence @mid_creator")); // A
    assertThat(telegram.awaitReplyTo(3000)).contains("asking a bit fast");

    // A source's budget (one Mastodon lookup per 5 minutes here) holds across both replicas.
    proxy.post(telegram.privateText(4000, "/influence @alice@example.social")); // B
    assertThat(telegram.awaitReplyTo(4000)).doesNotContain("allowance");
    proxy.post(telegram.privateText(4001, "/influence @bob@example.social")); // A
    assertThat(telegram.awaitReplyTo(4001)).contains("allowance");

    // B stops; A keeps answering its shard and every Telegram update the proxy sends.
    cluster.stop(b);
    for (long user = 5000; user < 5004; user++) {
      assertThat(proxy.post(telegram.privateText(user, "/help"))).isEqualTo(200);
      assertThat(telegram.awaitReplyTo(user)).isNotEmpty();
    }
    String afterStop = discord.sendHelp(0, "1600000000000000999");
    discord.awaitAnswer(afterStop);

    for (long user = 1000; user < 1020; user++) {
      assertThat(telegram.repliesTo(user)).as("replies to %d", user).isEqualTo(1);
    }
    for (long user = 5000; user < 5004; user++) {
      assertThat(telegram.repliesTo(user)).as("replies to %d", user).isEqualTo(1);
    }
    assertThat(discord.answers(afterStop)).isEqualTo(1);
  }
}
