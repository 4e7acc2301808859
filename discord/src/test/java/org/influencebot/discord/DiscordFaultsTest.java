package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.influencebot.store.Scope;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;

/**
 * Issue 9, faults on the Discord side, with the real JDA client against {@link FakeDiscord}: a dropped
 * gateway, an invalid session (op 9) and REST 429s with Discord's rate-limit headers. Each test owes a
 * reply across the fault (a deferred answer whose lookup is held until the fault is over) and checks
 * that it arrives, and that the bot answers new interactions afterwards without a restart.
 */
class DiscordFaultsTest {
  @TempDir
  Path dataDir;
  private Store store;
  private static final Duration WAIT = Duration.ofSeconds(15);

  private FakeDiscord discord;
  private Interactions interactions;
  private FakeDiscord ids;
  private TestSource source;
  private ExecutorService executor;
  private DiscordBot bot;

  @BeforeEach
  void start() throws Exception {
    discord = new FakeDiscord();
    source = new TestSource();
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    executor = Executors.newFixedThreadPool(2);
    InfluenceService service = new InfluenceService(source,
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, Ticker.systemTicker(), clock,
        InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
        Ticker.systemTicker());
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
    // The standard 5 s cooldown would hold back the same member's next command at a fixed time.
    store.settings().change(Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
    bot = new DiscordBot(DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl()),
        new CommandRunner(service, limits, new StoreCommunity(store), () -> "report"), s -> Optional.empty());
    bot.start();
    discord.await(0, c -> c.is("PUT", "/applications/" + FakeDiscord.APP_ID + "/commands"), WAIT);
    bot.awaitReady();
    // The shared payload builder takes its ids from a FakeDiscord: an idle one serves for that.
    ids = new FakeDiscord();
    interactions = new Interactions(ids);
  }

  @AfterEach
  void stop() throws Exception {
    source.release("small_person");
    if (bot != null) {
      bot.close();
    }
    executor.shutdownNow();
    discord.close();
    if (store != null) {
      store.close();
    }
    if (ids != null) {
      ids.close();
    }
  }

  private ObjectNode slash(String command, String... options) {
    return interactions.slash(command, false, "en-US", options);
  }

  private FakeDiscord.Call callback(int from, ObjectNode interaction) throws InterruptedException {
    String id = interaction.get("id").asText();
    return discord.await(from, c -> c.is("POST", "/interactions/" + id + "/") && !overridden(c), WAIT);
  }

  private boolean overridden(FakeDiscord.Call c) {
    return discord.refused(c);
  }

  private FakeDiscord.Call edit(ObjectNode interaction) throws InterruptedException {
    String token = interaction.get("token").asText();
    return discord.await(0, c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + token + "/messages/@original")
        && !overridden(c), WAIT);
  }

  /** Asks about a held account: the bot defers (type 5) and owes the edit. */
  private ObjectNode owedReply() throws InterruptedException {
    source.hold("small_person");
    ObjectNode owed = slash("influence", "handle", "small_person");
    int from = discord.callCount();
    discord.sendInteraction(owed);
    assertThat(callback(from, owed).json().get("type").asInt()).isEqualTo(5);
    return owed;
  }

  private void answersANewInteraction() throws InterruptedException {
    ObjectNode help = slash("help");
    int from = discord.callCount();
    discord.sendInteraction(help);
    FakeDiscord.Call cb = callback(from, help);
    assertThat(cb.json().get("type").asInt()).isEqualTo(4);
    assertThat(cb.atNanos() - discord.sentAtNanos(help.get("id").asText())).isLessThan(Duration.ofSeconds(3).toNanos());
  }

  @Test
  void aDroppedGatewayIsResumedAndTheReplyOwedAcrossItArrives() throws Exception {
    ObjectNode owed = owedReply();
    int ops = discord.gatewayOpCount();
    discord.dropGateway();
    discord.awaitGatewayOp(ops, op -> op == 6, WAIT); // RESUME
    source.release("small_person");
    assertThat(edit(owed).json().path("embeds").get(0).path("title").asText()).contains("small\\_person");
    answersANewInteraction();
    assertThat(discord.resumes()).isEqualTo(1);
    assertThat(discord.identifies()).isEqualTo(1);
  }

  @Test
  void anInvalidSessionMakesTheBotIdentifyAgainAndTheReplyOwedAcrossItArrives() throws Exception {
    ObjectNode owed = owedReply();
    int ops = discord.gatewayOpCount();
    discord.invalidateSession(false);
    discord.awaitGatewayOp(ops, op -> op == 2, Duration.ofSeconds(30)); // a new IDENTIFY (JDA spaces them 5 s)
    source.release("small_person");
    assertThat(edit(owed).json().path("embeds").get(0).path("title").asText()).contains("small\\_person");
    answersANewInteraction();
    assertThat(discord.identifies()).isEqualTo(2);
    assertThat(discord.resumes()).isZero();
  }

  @Test
  void restRateLimitsAreWaitedOutAndEveryReplyStillArrivesInTime() throws Exception {
    AtomicInteger callbacks429 = new AtomicInteger();
    AtomicInteger edits429 = new AtomicInteger();
    discord.restOverride = c -> {
      if (c.is("POST", "/callback") && callbacks429.getAndIncrement() < 1
          || c.is("PATCH", "/messages/@original") && edits429.getAndIncrement() < 2) {
        return Optional.of(discord.tooManyRequests(0.4));
      }
      return Optional.empty();
    };
    // The acknowledgement itself is refused once: JDA waits the bucket's reset and sends it again in time.
    answersANewInteraction();
    // The deferred answer's edit is refused twice: it still arrives, once.
    ObjectNode owed = owedReply();
    source.release("small_person");
    FakeDiscord.Call edit = edit(owed);
    assertThat(edit.json().path("embeds").get(0).path("title").asText()).contains("small\\_person");
    List<FakeDiscord.Call> edits = discord.calls().stream()
        .filter(c -> c.is("PATCH", "/webhooks/" + FakeDiscord.APP_ID + "/" + owed.get("token").asText())).toList();
    assertThat(edits).as(edits.stream().map(c -> c.atNanos() / 1_000_000 + (overridden(c) ? " refused" : " ok")).toList()
        .toString()).hasSize(3);
    assertThat(edits.stream().filter(c -> !overridden(c))).hasSize(1);
    for (int i = 1; i < edits.size(); i++) {
      assertThat(edits.get(i).atNanos() - edits.get(i - 1).atNanos()).as("waited the reset after 429 #%d", i)
          .isGreaterThanOrEqualTo(Duration.ofMillis(350).toNanos());
    }
    assertThat(callbacks429.get()).isGreaterThanOrEqualTo(2);
  }
}
