package org.influencebot.core.source.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongPredicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.reference.DrawnReferences;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.ReferenceKeeper;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Bluesky draw against a fake relay (numbered accounts, as indigo pages them) and a fake AppView. */
class BlueskyReferenceDrawTest {
  /** Accounts are numbered 1..LAST; some numbers belong to deleted accounts (not listed). */
  static final long LAST = 60_000;

  private final MockWebServer server = new MockWebServer();
  private final ConcurrentLinkedQueue<HttpUrl> urls = new ConcurrentLinkedQueue<>();
  private TestRuntime rt;
  /** Which numbers are listed at all. */
  private LongPredicate exists = id -> true;
  /** Listed but {@code active: false}. */
  private LongPredicate inactive = id -> id % 13 == 0;
  /** Listed and active, but the AppView has no profile. */
  private LongPredicate noProfile = id -> id % 11 == 0;
  private volatile boolean relayFails;
  private volatile String cursorFormat = "%d";

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

  private MockResponse answer(HttpUrl u) {
    String method = u.pathSegments().get(u.pathSize() - 1);
    ObjectNode out = AccountJson.mapper().createObjectNode();
    if (method.equals("com.atproto.sync.listRepos")) {
      if (relayFails) {
        return new MockResponse.Builder().code(503).build();
      }
      long cursor = u.queryParameter("cursor") == null ? 0 : Long.parseLong(u.queryParameter("cursor"));
      int limit = Integer.parseInt(u.queryParameter("limit"));
      ArrayNode repos = out.putArray("repos");
      long last = -1;
      for (long id = cursor + 1; id <= LAST && repos.size() < limit; id++) {
        if (exists.test(id)) {
          repos.addObject().put("did", "did:plc:a" + id).put("head", "bafyx" + id).put("rev", "3l" + id)
              .put("active", !inactive.test(id));
          last = id;
        }
      }
      if (repos.size() >= limit && repos.size() > 1) {
        out.put("cursor", String.format(cursorFormat, last));
      }
      return json(out);
    }
    if (method.equals("app.bsky.actor.getProfiles")) {
      ArrayNode list = out.putArray("profiles");
      for (String did : u.queryParameterValues("actors")) {
        long id = Long.parseLong(did.substring("did:plc:a".length()));
        if (!noProfile.test(id)) {
          list.addObject().put("did", did).put("handle", "a" + id + ".bsky.social").put("followersCount", id % 500)
              .put("followsCount", 40).put("postsCount", 12).put("createdAt", "2024-01-01T00:00:00Z")
              .put("avatar", id % 2 == 0 ? "https://cdn.example/a.jpg" : "");
        }
      }
      return json(out);
    }
    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"MethodNotImplemented\"}").build();
  }

  private static MockResponse json(Object body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body.toString())
        .build();
  }

  private BlueskyReferenceDraw draw(BlueskyReferenceDraw.Options options, long seed) {
    return new BlueskyReferenceDraw(options, rt.runtime, new SplittableRandom(seed));
  }

  private BlueskyReferenceDraw.Options options() {
    return BlueskyReferenceDraw.Options.defaults(server.url("/relay/xrpc/"), server.url("/xrpc/"))
        .withPaging(1000, 1L << 18).withPolicy(policy());
  }

  /** Two attempts, pages of 1000 repos fit. */
  static HttpCallPolicy policy() {
    HttpCallPolicy p = TestRuntime.policy(2, 3);
    return new HttpCallPolicy(p.retry(), 2 * 1024 * 1024, p.breakerFailures(), p.breakerOpen());
  }

  private static long number(Account a) {
    return Long.parseLong(a.id().orElseThrow().substring("did:plc:a".length()));
  }

  private long requests(String method) {
    return urls.stream().filter(u -> u.pathSegments().get(u.pathSize() - 1).equals(method)).count();
  }

  @Test
  void aDrawStaysWithinItsBudgetAndMapsProfiles() {
    BlueskyReferenceDraw d = draw(options(), 7);
    Reference r = d.draw("bluesky").orElseThrow();

    assertThat(urls).hasSizeLessThanOrEqualTo(40);
    assertThat(d.lastRequests()).isEqualTo(urls.size());
    assertThat(r.network()).isEqualTo("bluesky");
    assertThat(r.method()).isEqualTo(Reference.Method.BLUESKY_RELAY);
    assertThat(r.sampledAt()).isEqualTo(TestRuntime.T0);
    assertThat(r.origin()).contains("random listRepos pages of localhost", "profiles from localhost")
        .doesNotContain("?");
    assertThat(r.accounts()).hasSizeBetween(300, 500);
    assertThat(r.accounts()).allSatisfy(a -> {
      long id = number(a);
      assertThat(a.network()).contains("bluesky");
      assertThat(a.handle()).isEqualTo("a" + id + ".bsky.social");
      assertThat(a.followers()).hasValue(id % 500);
      assertThat(a.following()).hasValue(40);
      assertThat(a.hasAvatar()).contains(id % 2 == 0);
      assertThat(a.observedAt()).contains(TestRuntime.T0);
      assertThat(id % 13).as("inactive accounts are skipped").isNotZero();
      assertThat(id % 11).as("accounts without a profile are dropped").isNotZero();
    });
    assertThat(r.accounts().stream().map(a -> a.id().orElseThrow()).distinct()).hasSize(r.accounts().size());
    // Profiles 25 a call, every cursor a number below the checked bound.
    assertThat(urls).filteredOn(u -> u.encodedPath().endsWith("getProfiles"))
        .allSatisfy(u -> assertThat(u.queryParameterValues("actors")).hasSizeBetween(1, 25));
    assertThat(requests("app.bsky.actor.getProfiles")).isLessThanOrEqualTo(20);
    assertThat(urls).filteredOn(u -> u.encodedPath().endsWith("listRepos"))
        .allSatisfy(u -> assertThat(Long.parseLong(u.queryParameter("cursor"))).isBetween(0L, 1L << 18));
  }

  @Test
  void theSameSeedDrawsTheSameSample() {
    List<Account> a = draw(options(), 11).draw("bluesky").orElseThrow().accounts();
    List<Account> b = draw(options(), 11).draw("bluesky").orElseThrow().accounts();
    assertThat(a).isEqualTo(b);
  }

  @Test
  void accountsAmongManyDeletedNumbersAreNotFavoured() {
    // The first half of the numbers is half deleted: it holds a third of the live accounts, and a
    // third of the sample should come from it (a page-uniform pick would give it a half).
    exists = id -> id > LAST / 2 || id % 2 == 0;
    inactive = id -> false;
    noProfile = id -> false;
    BlueskyReferenceDraw d = draw(options().withBudget(200, 2000, 100).withPaging(100, 1L << 17), 3);
    Reference r = d.draw("bluesky").orElseThrow();

    assertThat(d.lastRequests()).isLessThanOrEqualTo(200);
    assertThat(r.accounts()).hasSizeGreaterThan(1400);
    double firstHalf = r.accounts().stream().filter(a -> number(a) <= LAST / 2).count() / (double) r.accounts().size();
    assertThat(firstHalf).isBetween(0.26, 0.41);
    double mean = r.accounts().stream().mapToLong(BlueskyReferenceDrawTest::number).average().orElseThrow();
    assertThat(mean).as("spread over the whole list").isBetween(0.5 * LAST, 0.72 * LAST);
  }

  @Test
  void aBoundBelowTheLastAccountIsRaisedFirst() {
    BlueskyReferenceDraw d = draw(options().withPaging(1000, 1000), 5);
    Reference r = d.draw("bluesky").orElseThrow();

    List<Long> probes = urls.stream().filter(u -> "2".equals(u.queryParameter("limit")))
        .map(u -> Long.parseLong(u.queryParameter("cursor"))).toList();
    assertThat(probes).containsExactly(1000L, 4000L, 16000L, 64000L);
    assertThat(urls).hasSizeLessThanOrEqualTo(40);
    assertThat(r.accounts()).hasSizeGreaterThan(250);
    // The next draw starts from the end it found, a quarter higher: one probe.
    urls.clear();
    d.draw("bluesky").orElseThrow();
    assertThat(urls.stream().filter(u -> "2".equals(u.queryParameter("limit")))).hasSize(1);
  }

  @Test
  void cursorsThatAreNotAccountNumbersAreRefused() {
    cursorFormat = "x%d";
    assertThatThrownBy(() -> draw(options(), 1).draw("bluesky"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("cursors are not account numbers");
    // Refused at the first page that is not empty: no profile is read.
    assertThat(requests("app.bsky.actor.getProfiles")).isZero();
  }

  @Test
  void otherNetworksAreNotDrawn() {
    assertThat(draw(options(), 1).draw("mastodon")).isEmpty();
    assertThat(urls).isEmpty();
  }

  @Test
  void aFailingRelayKeepsTheOldReferenceAndIsTriedAgainLater() {
    Reference old = new Reference("bluesky", List.of(Account.builder("old.bsky.social").network("bluesky").build()),
        TestRuntime.T0.minus(Duration.ofDays(8)), Reference.Method.BLUESKY_RELAY, "an older draw");
    ReferenceKeeper keeper = new ReferenceKeeper() {
      private volatile Reference kept = old;

      @Override
      public Optional<Reference> load(String network) {
        return Optional.ofNullable(kept).filter(r -> r.network().equals(network));
      }

      @Override
      public void save(Reference reference) {
        kept = reference;
      }
    };
    List<Runnable> tasks = new java.util.ArrayList<>();
    relayFails = true;
    DrawnReferences refs = new DrawnReferences(List.of(draw(options(), 1)), keeper, rt.clock,
        (task, delay) -> tasks.add(task), DrawnReferences.Options.refreshEvery(Duration.ofDays(7))).start();
    // (the manual scheduler runs tasks when the test says, whatever their delay)

    assertThat(refs.find("bluesky")).contains(old);
    assertThat(tasks).hasSize(1);
    tasks.remove(0).run(); // the stale sample is drawn again: the relay fails
    assertThat(refs.find("bluesky")).contains(old);
    assertThat(keeper.load("bluesky")).contains(old);
    assertThat(urls).hasSizeLessThanOrEqualTo(2); // one probe, retried once; nothing more sent

    relayFails = false;
    assertThat(tasks).hasSize(1);
    tasks.remove(0).run();
    Reference fresh = refs.find("bluesky").orElseThrow();
    assertThat(fresh.sampledAt()).isAfter(old.sampledAt());
    assertThat(fresh.accounts()).hasSizeGreaterThan(250);
    assertThat(keeper.load("bluesky")).contains(fresh);
  }
}
