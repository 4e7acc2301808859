package org.influencebot.core.source.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Mastodon draw against a fake instance's profile directory. */
class MastodonReferenceDrawTest {
  private final MockWebServer server = new MockWebServer();
  private final ConcurrentLinkedQueue<HttpUrl> urls = new ConcurrentLinkedQueue<>();
  private TestRuntime rt;
  private volatile int size = 5_000;
  private volatile int status = 200;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        urls.add(request.getUrl());
        return answer(request.getUrl());
      }
    });
    server.start();
    rt = new TestRuntime(new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5)));
  }

  @AfterEach
  void stop() {
    rt.close();
    server.close();
  }

  /** Directory positions 0..size-1, newest first; position p is account id size-p. */
  private MockResponse answer(HttpUrl u) {
    if (!u.encodedPath().equals("/api/v1/directory")) {
      return new MockResponse.Builder().code(404).build();
    }
    if (status != 200) {
      return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
          .body("{\"error\":\"This method requires an authenticated user\"}").build();
    }
    int offset = Integer.parseInt(u.queryParameter("offset"));
    int limit = Math.min(80, Integer.parseInt(u.queryParameter("limit")));
    ArrayNode list = AccountJson.mapper().createArrayNode();
    for (int p = offset; p < Math.min(size, offset + limit); p++) {
      int id = size - p;
      list.addObject().put("id", Integer.toString(id)).put("username", "u" + id).put("acct", "u" + id)
          .put("followers_count", id % 300).put("following_count", 20).put("statuses_count", 9)
          .put("created_at", "2024-01-01T00:00:00.000Z").put("bot", id % 17 == 0).put("locked", false)
          .put("avatar", "https://files.example/missing.png").put("header", "https://files.example/h.png")
          .put("note", "<p>hello &amp; welcome</p>").put("discoverable", true);
    }
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(list.toString())
        .build();
  }

  private MastodonReferenceDraw draw(MastodonReferenceDraw.Options options, long seed) {
    MastodonOptions source = MastodonOptions.defaults().withBaseUrlOverride(server.url("/"));
    return new MastodonReferenceDraw(source, options, rt.runtime, new SplittableRandom(seed));
  }

  private static MastodonReferenceDraw.Options options() {
    HttpCallPolicy p = TestRuntime.policy(2, 3);
    return MastodonReferenceDraw.Options.defaults()
        .withPolicy(new HttpCallPolicy(p.retry(), 1024 * 1024, p.breakerFailures(), p.breakerOpen()));
  }

  @Test
  void aDrawStaysWithinItsBudgetAndMapsAccountsOfTheDefaultInstance() {
    MastodonReferenceDraw d = draw(options(), 9);
    Reference r = d.draw("mastodon").orElseThrow();

    assertThat(urls).hasSizeLessThanOrEqualTo(30);
    assertThat(d.lastRequests()).isEqualTo(urls.size());
    assertThat(urls).allSatisfy(u -> {
      assertThat(u.queryParameter("local")).isEqualTo("true");
      assertThat(u.queryParameter("order")).isEqualTo("new");
      assertThat(Integer.parseInt(u.queryParameter("limit"))).isBetween(1, 80);
    });
    assertThat(r.network()).isEqualTo("mastodon");
    assertThat(r.method()).isEqualTo(Reference.Method.MASTODON_DIRECTORY);
    assertThat(r.origin()).contains("mastodon.social", "opted into discovery");
    assertThat(r.sampledAt()).isEqualTo(TestRuntime.T0);
    assertThat(r.accounts()).hasSizeBetween(300, 500);
    assertThat(r.accounts()).allSatisfy(a -> {
      int id = Integer.parseInt(a.id().orElseThrow());
      assertThat(a.handle()).isEqualTo("u" + id + "@mastodon.social");
      assertThat(a.network()).contains("mastodon");
      assertThat(a.followers()).hasValue(id % 300);
      assertThat(a.declaredBot()).contains(id % 17 == 0);
      assertThat(a.hasAvatar()).contains(false);
      assertThat(a.bio()).contains("hello & welcome");
    });
    double mean = r.accounts().stream().mapToInt(a -> Integer.parseInt(a.id().orElseThrow())).average().orElseThrow();
    assertThat(mean).as("spread over the whole directory").isBetween(0.35 * size, 0.65 * size);
  }

  @Test
  void aDirectoryOfOnePageIsTakenWhole() {
    size = 60;
    Reference r = draw(options().withBudget(30, 500, 10), 1).draw("mastodon").orElseThrow();
    assertThat(r.accounts()).hasSize(60);
    assertThat(urls).hasSize(1);
  }

  @Test
  void aDirectoryThatIsNotPublicFailsWithASentence() {
    status = 401;
    assertThatThrownBy(() -> draw(options(), 1).draw("mastodon"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("the directory of mastodon.social is not public (HTTP 401)");
    assertThat(urls).hasSize(1);
  }

  @Test
  void aDirectoryTooSmallForTheMinimumFails() {
    size = 20;
    assertThatThrownBy(() -> draw(options(), 1).draw("mastodon"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("only 20 accounts");
  }
}
