package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.ChatRules;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Community;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.store.Store;
import org.influencebot.store.StoreCommunity;
import org.influencebot.store.StoreLocation;
import org.influencebot.store.StoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links, settings and a member's summary reach the store, which may wait (SQLite's busy timeout, the
 * pool's connection timeout): each is acknowledged while the store is still busy, and answered once
 * it is free. The store is a real SQLite one behind a gate that the test opens.
 */
class StoreWaitAcknowledgementTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MODERATOR_ID = "1820000000000000002";

  @TempDir
  Path dataDir;
  private FakeDiscord discord;
  private Interactions interactions;
  private ExecutorService executor;
  private Store store;
  private DiscordBot bot;
  private volatile CountDownLatch storeFree = new CountDownLatch(0);

  /** The store, made to wait at every call beyond a chat's rules until the test lets it go on. */
  private final class BusyStore implements Community {
    private final Community store;

    BusyStore(Community store) {
      this.store = store;
    }

    private void busy() {
      try {
        if (!storeFree.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never freed the store");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public ChatRules rules(String platform, String chat) {
      return store.rules(platform, chat);
    }

    @Override
    public List<Setting> settings(String platform, String chat) {
      busy();
      return store.settings(platform, chat);
    }

    @Override
    public Setting change(String platform, String chat, String moderator, String key, String value)
        throws InvalidSetting {
      busy();
      return store.change(platform, chat, moderator, key, value);
    }

    @Override
    public String keys() {
      return store.keys();
    }

    @Override
    public Optional<String> linkOf(String platform, String member) {
      busy();
      return store.linkOf(platform, member);
    }

    @Override
    public Optional<String> linkIn(String platform, String chat, String member) {
      busy();
      return store.linkIn(platform, chat, member);
    }

    @Override
    public void link(String platform, String member, String handle) {
      busy();
      store.link(platform, member, handle);
    }

    @Override
    public boolean unlink(String platform, String member) {
      busy();
      return store.unlink(platform, member);
    }

    @Override
    public boolean removeLink(String platform, String chat, String moderator, String member) {
      busy();
      return store.removeLink(platform, chat, moderator, member);
    }
  }

  @BeforeEach
  void start() throws Exception {
    discord = new FakeDiscord();
    interactions = new Interactions(discord);
    Clock clock = Clock.fixed(SampleAccounts.OBSERVED.plus(Duration.ofHours(1)), ZoneOffset.UTC);
    AtomicLong ticks = new AtomicLong();
    Ticker ticker = ticks::get;
    executor = Executors.newFixedThreadPool(2);
    InfluenceService service = new InfluenceService(new TestSource(),
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), clock), executor, ticker, clock,
        InfluenceService.Options.defaults());
    RequestLimits limits = new RequestLimits(
        new RequestLimits.Options(1000, Duration.ofMinutes(1), 1000, Duration.ofMinutes(1), Duration.ofSeconds(60)),
        ticker);
    store = Store.open(new StoreLocation.SqliteFile(dataDir), StoreOptions.standard(clock));
    store.settings().change(org.influencebot.store.Scope.discordServer(FakeDiscord.GUILD_ID), "test", "cooldown", "0");
    DiscordOptions options = DiscordOptions.of(FakeDiscord.TOKEN).withEndpoints(discord.restUrl(), discord.gatewayUrl());
    CommandRunner runner = new CommandRunner(service, limits, new BusyStore(new StoreCommunity(store)), () -> "");
    int from = discord.callCount();
    bot = new DiscordBot(options, runner, s -> Optional.empty());
    bot.start();
    bot.awaitReady();
    discord.await(from, c -> c.is("PUT", "/commands"), WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    storeFree.countDown();
    bot.close();
    executor.shutdownNow();
    discord.close();
    store.close();
  }

  /** Asks while the store is busy: the acknowledgement comes first, the answer once the store is free. */
  private JsonNode askWhileTheStoreIsBusy(ObjectNode interaction, boolean forAskerAlone) throws InterruptedException {
    storeFree = new CountDownLatch(1);
    String id = interaction.get("id").asText();
    String token = interaction.get("token").asText();
    int from = discord.callCount();
    discord.sendInteraction(interaction);
    FakeDiscord.Call callback = discord.await(from, c -> c.is("POST", "/interactions/" + id + "/"), WAIT);
    assertThat(storeFree.getCount()).as("acknowledged while the store is still busy").isEqualTo(1);
    assertThat(callback.json().get("type").asInt()).as("deferred").isEqualTo(5);
    assertThat((callback.json().path("data").path("flags").asInt(0) & 64) == 64).isEqualTo(forAskerAlone);
    storeFree.countDown();
    return discord.await(from, c -> c.path().contains("/webhooks/" + FakeDiscord.APP_ID + "/" + token)
        && (c.method().equals("PATCH") || c.method().equals("POST")), WAIT).json();
  }

  private static ObjectNode asModerator(ObjectNode interaction) {
    return Interactions.askedBy(interaction, MODERATOR_ID, "moderator", FakeDiscord.MODERATOR_ROLE_ID);
  }

  @Test
  void linksSettingsAndAMembersSummaryAreAcknowledgedBeforeTheStoreAnswers() throws Exception {
    assertThat(askWhileTheStoreIsBusy(interactions.slash("influence-link", true, "en-US", "handle", "@megastar"), true)
        .path("content").asText()).contains("megastar");
    assertThat(askWhileTheStoreIsBusy(interactions.slash("influence-link", true, "en-US"), true)
        .path("content").asText()).contains("megastar");
    ObjectNode asker = Interactions.user(FakeDiscord.USER_ID, "asker", "Asker");
    assertThat(askWhileTheStoreIsBusy(interactions.slashWithUser("influence", asker), false)
        .at("/embeds/0/title").asText()).contains("megastar");
    assertThat(askWhileTheStoreIsBusy(interactions.slash("influence-unlink", true, "en-US"), true)
        .path("content").asText()).isNotBlank();
    assertThat(askWhileTheStoreIsBusy(asModerator(interactions.slash("influence-settings", true, "en-US",
        "key", "cooldown", "value", "10")), true).path("content").asText()).contains("cooldown");
    assertThat(askWhileTheStoreIsBusy(interactions.slash("influence-settings", true, "en-US"), true)
        .path("content").asText()).startsWith("Settings here:");
  }
}
