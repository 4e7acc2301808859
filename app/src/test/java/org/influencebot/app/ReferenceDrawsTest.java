package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.influencebot.config.Settings;
import org.influencebot.core.account.Account;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.ReferenceDrawer;
import org.influencebot.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured reference draws: built from the settings, kept samples served at once by BotContext. */
class ReferenceDrawsTest {
  static final int ACCOUNTS = 3_000;
  private final MockWebServer server = new MockWebServer();
  private final ExecutorService io = Executors.newFixedThreadPool(2);

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request.getUrl());
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    io.shutdownNow();
    server.close();
  }

  /** A relay of accounts numbered 1..ACCOUNTS and an AppView with a profile for each. */
  private static MockResponse answer(HttpUrl u) {
    StringBuilder b = new StringBuilder();
    if (u.encodedPath().endsWith("com.atproto.sync.listRepos")) {
      long cursor = Long.parseLong(u.queryParameter("cursor"));
      int limit = Integer.parseInt(u.queryParameter("limit"));
      long last = Math.min(ACCOUNTS, cursor + limit);
      b.append("{\"repos\":[");
      for (long id = cursor + 1; id <= last; id++) {
        b.append(id > cursor + 1 ? "," : "").append("{\"did\":\"did:plc:r").append(id).append("\",\"head\":\"x\",\"rev\":\"y\"}");
      }
      b.append("]").append(last - cursor >= limit ? ",\"cursor\":\"" + last + "\"" : "").append("}");
    } else if (u.encodedPath().endsWith("app.bsky.actor.getProfiles")) {
      b.append("{\"profiles\":[");
      List<String> dids = u.queryParameterValues("actors");
      for (int i = 0; i < dids.size(); i++) {
        b.append(i > 0 ? "," : "").append("{\"did\":\"").append(dids.get(i)).append("\",\"handle\":\"")
            .append(dids.get(i).substring(8)).append(".bsky.social\",\"followersCount\":5,\"followsCount\":9}");
      }
      b.append("]}");
    } else {
      return new MockResponse.Builder().code(404).build();
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(b.toString()).build();
  }

  private Settings settings(Map<String, String> extra) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "INFLUENCE_BOT_DATA_DIR", dir.resolve("state").toString(),
        "INFLUENCE_BOT_SOURCE_DEFAULT", "bluesky",
        "INFLUENCE_BOT_SOURCE_BLUESKY_BASE_URL", server.url("/xrpc/").toString(),
        "INFLUENCE_BOT_SOURCE_BLUESKY_RELAY_URL", server.url("/relay/xrpc/").toString()));
    env.putAll(extra);
    return Settings.load(Optional.empty(), env);
  }

  @Test
  void theConfiguredBlueskyDrawDrawsFromTheConfiguredRelayAndAppView() throws Exception {
    List<ReferenceDrawer> drawers = ReferenceDraws.drawers(settings(Map.of()), io, Clock.systemUTC(),
        new java.util.SplittableRandom(42));
    assertThat(drawers).extracting(ReferenceDrawer::name).containsExactly("bluesky-relay");

    Reference r = drawers.get(0).draw("bluesky").orElseThrow();
    assertThat(r.accounts()).hasSizeGreaterThanOrEqualTo(300);
    assertThat(r.accounts()).allSatisfy(a -> assertThat(a.followers()).hasValue(5));
    assertThat(server.getRequestCount()).isLessThanOrEqualTo(40);
  }

  @Test
  void offDrawsNothingAndTheDefaultsDrawNothing() throws Exception {
    assertThat(ReferenceDraws.drawers(settings(Map.of("INFLUENCE_BOT_AUDIT_REFERENCE_DRAW", "off")), io,
        Clock.systemUTC())).isEmpty();
    assertThat(ReferenceDraws.drawers(Settings.defaults(), io, Clock.systemUTC())).isEmpty();
  }

  @Test
  void aSampleKeptInTheStoreIsServedAsSoonAsTheBotStartsAndNothingIsSentAtOnce() throws Exception {
    Settings settings = settings(Map.of());
    Reference kept = new Reference("bluesky", List.of(Account.builder("a.bsky.social").network("bluesky").build()),
        Instant.now().minus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
        Reference.Method.BLUESKY_RELAY, "an old draw");
    try (Store store = BotContext.openStore(settings, Clock.systemUTC())) {
      store.references().save(kept);
    }
    try (BotContext context = BotContext.create(settings)) {
      assertThat(context.drawnReferences().find("bluesky")).contains(kept);
      assertThat(context.drawnReferences().list()).containsExactly(kept.summary());
    }
    assertThat(server.getRequestCount()).as("the stale sample's draw waits a minute").isZero();
  }
}
