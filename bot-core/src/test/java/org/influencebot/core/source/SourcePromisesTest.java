package org.influencebot.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.Headers;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.FollowerStratum;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.source.SourceException.Kind;
import org.influencebot.core.source.bluesky.BlueskyOptions;
import org.influencebot.core.source.bluesky.BlueskySource;
import org.influencebot.core.source.fake.FakeApis;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.TestRuntime;
import org.influencebot.core.source.mastodon.MastodonOptions;
import org.influencebot.core.source.mastodon.MastodonSource;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Bluesky and Mastodon sources promise, against fake servers that answer like the real APIs
 * (headers included) at the shipped defaults (100 posts, 500 followers, 20 s per lookup, default
 * retries): the request count per summary, one deadline per lookup, the servers' own rate limits,
 * retries of failures, and no requests to private addresses. Time is the test clock only.
 */
class SourcePromisesTest {
  private static final Handle BIG_BSKY = Handle.of("bluesky", "big.bsky.social");
  private static final Handle BIG_MASTO = Handle.of("mastodon", "alice@mastodon.example");

  private final MockWebServer server = new MockWebServer();
  private TestRuntime rt;
  private FakeApis fake;

  @BeforeEach
  void start() throws Exception {
    server.start();
    rt = runtime(Dns.SYSTEM);
  }

  @AfterEach
  void stop() {
    rt.close();
    server.close();
  }

  private static TestRuntime runtime(Dns dns) {
    // Generous real timeouts (a loaded build machine is slow): only the test clock decides the deadline.
    return new TestRuntime(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(20)),
        Duration.ofSeconds(20), dns);
  }

  private BlueskySource bluesky() {
    fake = new FakeApis(FakeApis.Api.APPVIEW, rt.clock);
    server.setDispatcher(fake);
    return new BlueskySource(BlueskyOptions.defaults().withBaseUrl(server.url("/xrpc/")).withSample(100, 500), rt.runtime);
  }

  private static MastodonOptions mastodonOptions() {
    return MastodonOptions.defaults().withSample(100, 500);
  }

  private MastodonSource mastodon() {
    fake = new FakeApis(FakeApis.Api.MASTODON, rt.clock);
    server.setDispatcher(fake);
    return new MastodonSource(mastodonOptions().withBaseUrlOverride(server.url("/")), rt.runtime);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    return f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e).join();
  }

  private static SourceException failed(CompletableFuture<?> f, Kind kind) {
    Throwable t = failure(f);
    assertThat(t).isInstanceOf(SourceException.class);
    assertThat(((SourceException) t).kind()).as(t.getMessage()).isEqualTo(kind);
    return (SourceException) t;
  }

  private static String english(SourceException e) {
    return Messages.english().format(e.userMessage());
  }

  // ------------------------------------------------------------------ cost per summary

  @Test
  void aSummaryAtTheShippedDefaultsCostsWhatTheFormulaSays() throws Exception {
    Account b = bluesky().fetch(BIG_BSKY).get(10, TimeUnit.SECONDS);
    assertThat(b.recentPosts()).hasSize(100);
    assertThat(b.followerSample()).hasSize(500);
    assertThat(b.followerSample().get(499).followers()).hasValue(7); // counts from getProfiles
    // 1 profile + 1 feed page + 5 follower pages + 20 getProfiles of 25
    assertThat(fake.requests()).isEqualTo(27).isEqualTo(BlueskyOptions.defaults().withSample(100, 500).requestsPerLookup());

    rt.close();
    rt = runtime(Dns.SYSTEM);
    Account m = mastodon().fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    assertThat(m.recentPosts()).hasSize(100);
    assertThat(m.followerSample()).hasSize(500);
    // 1 lookup + 3 status pages of 40 + 7 follower pages of 80
    assertThat(fake.requests()).isEqualTo(11).isEqualTo(mastodonOptions().requestsPerLookup());
  }

  // ------------------------------------------------------------------ deeper follower strata

  @Test
  void deeperStrataAreReadWithinTheirRequestBudgetAndRoundTripAsJson() throws Exception {
    fake = new FakeApis(FakeApis.Api.APPVIEW, rt.clock);
    server.setDispatcher(fake);
    BlueskyOptions bo = BlueskyOptions.defaults().withBaseUrl(server.url("/xrpc/")).withSample(100, 500)
        .withDeepFollowerRequests(8);
    Account b = new BlueskySource(bo, rt.runtime).fetch(BIG_BSKY).get(10, TimeUnit.SECONDS);
    // 6 more pages of 100 (offsets 500‥1000), runs of 25 from the middle and the deepest, one getProfiles each
    assertThat(b.followerStrata()).extracting(FollowerStratum::offset).containsExactly(700L, 1000L);
    assertThat(b.followerStrata()).allSatisfy(st -> {
      assertThat(st.sample()).hasSize(25);
      assertThat(st.sample().get(0).followers()).hasValue(7);
    });
    assertThat(b.followerStrata().get(0).sample().get(0).id()).hasValue("did:plc:f700");
    assertThat(fake.requests()).isEqualTo(35).isEqualTo(bo.requestsPerLookup());
    assertThat(AccountJson.read(AccountJson.write(b)).followerStrata()).hasSize(2);

    MastodonSource m = new MastodonSource(mastodonOptions().withDeepFollowerRequests(8)
        .withBaseUrlOverride(server.url("/")), rt.runtime);
    fake = new FakeApis(FakeApis.Api.MASTODON, rt.clock);
    server.setDispatcher(fake);
    Account a = m.fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    // 8 more pages of 80 (offsets 500‥1060): the 4th and the 8th are kept whole, counts included
    assertThat(a.followerStrata()).extracting(FollowerStratum::offset).containsExactly(740L, 1060L);
    assertThat(a.followerStrata()).allSatisfy(st -> assertThat(st.sample()).hasSize(80));
    assertThat(a.followerStrata().get(0).sample().get(0).id()).hasValue(Long.toString(FakeApis.FOLLOWERS - 740));
    assertThat(fake.requests()).isEqualTo(19).isEqualTo(mastodonOptions().withDeepFollowerRequests(8).requestsPerLookup());
    assertThat(AccountJson.read(AccountJson.write(a)).followerStrata()).hasSize(2);
  }

  @Test
  void aFailingDeepPageOrTheDeadlineEndsTheStrataNotTheSummary() throws Exception {
    fake = new FakeApis(FakeApis.Api.MASTODON, rt.clock);
    server.setDispatcher(fake);
    MastodonSource m = new MastodonSource(mastodonOptions().withDeepFollowerRequests(8)
        .withBaseUrlOverride(server.url("/")), rt.runtime);
    // The 5th deeper page (request 16) fails for good: pages 1-4 are kept, strata from the 2nd and the 4th.
    fake.override((n, u) -> n >= 16 ? new MockResponse.Builder().code(502).build() : null);
    Account a = m.fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    assertThat(a.followerSample()).hasSize(500);
    assertThat(a.followerStrata()).extracting(FollowerStratum::offset).containsExactly(580L, 740L);

    // Every answer 2 s late: the newest sample is in at 22 s of a 30 s lookup; the walk stops at the deadline.
    rt.close();
    rt = new TestRuntime(new HttpTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30)),
        Duration.ofSeconds(30), Dns.SYSTEM);
    fake = new FakeApis(FakeApis.Api.MASTODON, rt.clock).lateBy(Duration.ofSeconds(2));
    server.setDispatcher(fake);
    Account late = new MastodonSource(mastodonOptions().withDeepFollowerRequests(8)
        .withBaseUrlOverride(server.url("/")), rt.runtime).fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    assertThat(late.followerSample()).hasSize(500);
    assertThat(fake.requests()).isEqualTo(15); // 11 + 4 deeper pages, the 16th would start at 30 s
    assertThat(late.followerStrata()).extracting(FollowerStratum::offset).containsExactly(580L, 740L);
  }

  // ------------------------------------------------------------------ one deadline

  @Test
  void everyAnswerThreeSecondsLateEndsTheLookupAtItsTwentySeconds() {
    BlueskySource source = bluesky();
    fake.lateBy(Duration.ofSeconds(3));
    SourceException e = failed(source.fetch(BIG_BSKY), Kind.TIMEOUT);
    // Answers at 3, 6, …, 21 s: the 8th request would start after the deadline and is never sent.
    assertThat(fake.requests()).isEqualTo(7);
    assertThat(english(e)).isEqualTo("Bluesky took too long to answer; try again in a moment.");

    MastodonSource m = mastodon();
    fake.lateBy(Duration.ofSeconds(3));
    failed(m.fetch(BIG_MASTO), Kind.TIMEOUT);
    assertThat(fake.requests()).isEqualTo(7);
  }

  @Test
  void aWaitThatWouldEndAfterTheDeadlineIsNotStarted() {
    BlueskySource source = bluesky();
    fake.lateBy(Duration.ofSeconds(9)).override((n, u) -> n == 2
        ? new MockResponse.Builder().code(503).setHeader("Retry-After", "3").build() : null);
    // Profile at 9 s, feed 503 at 18 s asking for 3 s: 21 s is past the deadline, so no wait and no retry.
    failed(source.fetch(BIG_BSKY), Kind.UNAVAILABLE);
    assertThat(rt.sleeps).isEmpty();
    assertThat(fake.requests()).isEqualTo(2);
  }

  @Test
  void aHangingRequestIsCancelledWhenTheLookupsTimeIsUp() {
    TestRuntime tight = new TestRuntime(new HttpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30),
        Duration.ofSeconds(30)), Duration.ofMillis(300), Dns.SYSTEM);
    try {
      server.enqueue(new MockResponse.Builder().code(200).headersDelay(20, TimeUnit.SECONDS).body("{}").build());
      BlueskySource source = new BlueskySource(BlueskyOptions.defaults().withBaseUrl(server.url("/xrpc/")), tight.runtime);
      failed(source.fetch(BIG_BSKY), Kind.TIMEOUT);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      tight.close();
    }
  }

  // ------------------------------------------------------------------ the servers' rate limits

  @Test
  void blueskysUnprefixedHeadersStopTheBotBeforeRemainingRunsOut() throws Exception {
    BlueskySource source = bluesky();
    fake.limitHeaders(n -> FakeApis.bluesky(10, Math.max(0, 10 - n), TestRuntime.T0.plusSeconds(53)));
    SourceException e = failed(source.fetch(BIG_BSKY), Kind.RATE_LIMITED);
    assertThat(fake.requests()).as("no request after Remaining: 0").isEqualTo(10);
    assertThat(english(e)).isEqualTo("Bluesky is rate-limiting the bot; try again in 53 s.");

    // Shared by every lookup of that server: the next one asks nothing and gives the real wait.
    rt.clock.advance(Duration.ofSeconds(20));
    assertThat(english(failed(source.fetch(Handle.of("bluesky", "other.bsky.social")), Kind.RATE_LIMITED)))
        .endsWith("try again in 33 s.");
    assertThat(fake.requests()).isEqualTo(10);

    // After the reset the server's new window applies.
    rt.clock.advance(Duration.ofSeconds(34));
    fake.limitHeaders(n -> FakeApis.bluesky(3000, 3000 - n, TestRuntime.T0.plusSeconds(600)));
    assertThat(source.fetch(BIG_BSKY).get(10, TimeUnit.SECONDS).followerSample()).hasSize(500);
  }

  @Test
  void aNearResetIsWaitedForThenTheLookupGoesOn() throws Exception {
    MastodonSource source = mastodon();
    fake.limitHeaders(n -> n == 1 ? FakeApis.mastodon(300, 0, TestRuntime.T0.plusSeconds(2))
        : FakeApis.mastodon(300, 300 - n, TestRuntime.T0.plusSeconds(300)));
    Account a = source.fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    assertThat(a.followerSample()).hasSize(500);
    assertThat(rt.sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(fake.requests()).isEqualTo(11);
  }

  @Test
  void a429GivesTheServersRealWaitAndIsNotHammered() {
    BlueskySource source = bluesky();
    fake.override((n, u) -> new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"RateLimitExceeded\"}").build())
        .limitHeaders(n -> FakeApis.bluesky(3000, 0, TestRuntime.T0.plusSeconds(53)));
    SourceException e = failed(source.fetch(BIG_BSKY), Kind.RATE_LIMITED);
    assertThat(english(e)).endsWith("try again in 53 s.");
    assertThat(fake.requests()).isEqualTo(1);

    MastodonSource m = mastodon();
    fake.override((n, u) -> new MockResponse.Builder().code(429).setHeader("Retry-After", "120").build());
    assertThat(english(failed(m.fetch(BIG_MASTO), Kind.RATE_LIMITED))).endsWith("try again in 120 s.");
    assertThat(fake.requests()).isEqualTo(1);
  }

  @Test
  void oneInstancesExhaustedLimitDoesNotHoldBackAnother() throws Exception {
    MastodonSource source = mastodon();
    fake.limitHeaders(n -> FakeApis.mastodon(300, 0, TestRuntime.T0.plusSeconds(200)));
    failed(source.fetch(BIG_MASTO), Kind.RATE_LIMITED);
    assertThat(fake.requests()).isEqualTo(1);
    fake.limitHeaders(n -> Headers.of());
    assertThat(source.fetch(Handle.of("mastodon", "alice@other.example")).get(10, TimeUnit.SECONDS).followerSample())
        .hasSize(500);
    failed(source.fetch(BIG_MASTO), Kind.RATE_LIMITED);
  }

  // ------------------------------------------------------------------ retries

  @Test
  void aMastodon500IsRetriedAlthoughEveryAnswerCarriesAResetHeader() throws Exception {
    MastodonSource source = mastodon();
    fake.limitHeaders(n -> FakeApis.mastodon(300, 300 - n, TestRuntime.T0.plusSeconds(280)))
        .override((n, u) -> n == 2 ? new MockResponse.Builder().code(500).body("<html>oops</html>").build() : null);
    Account a = source.fetch(BIG_MASTO).get(10, TimeUnit.SECONDS);
    assertThat(a.recentPosts()).hasSize(100);
    assertThat(fake.requests()).isEqualTo(12);
    assertThat(rt.sleeps).hasSize(1);
    assertThat(rt.sleeps.get(0)).isLessThanOrEqualTo(HttpCallPolicy.defaults().retry().baseDelay());
  }

  @Test
  void aDroppedConnectionIsRetriedByEverySource() throws Exception {
    BlueskySource source = bluesky();
    fake.override((n, u) -> n == 1 ? new MockResponse.Builder().onResponseStart(new mockwebserver3.SocketEffect.CloseSocket()).build() : null);
    assertThat(source.fetch(BIG_BSKY).get(10, TimeUnit.SECONDS).followerSample()).hasSize(500);
    assertThat(fake.requests()).isEqualTo(28);
  }

  // ------------------------------------------------------------------ private addresses

  /** Resolves names as a hostile or misconfigured DNS would. */
  private static Dns fakeDns() {
    return host -> switch (host) {
      case "intranet.example" -> List.of(InetAddress.getByName("10.0.0.5"));
      case "rebind.example" -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("169.254.169.254"));
      case "loop.example" -> List.of(InetAddress.getByName("::1"));
      default -> throw new UnknownHostException(host);
    };
  }

  @Test
  void aMastodonInstanceOnAPrivateAddressIsRefusedWithASentence() {
    rt.close();
    rt = runtime(fakeDns());
    MastodonSource source = new MastodonSource(mastodonOptions(), rt.runtime);
    for (String host : List.of("intranet.example", "rebind.example", "loop.example")) {
      SourceException e = failed(source.fetch(Handle.of("mastodon", "alice@" + host)), Kind.REFUSED);
      assertThat(english(e)).isEqualTo(host
          + " is not a public server: the bot does not look up accounts on private or local network addresses.");
      Reply r = CommandRunner.toError(e);
      assertThat(((Reply.ErrorReply) r).kind()).isEqualTo(Reply.ErrorKind.BAD_INPUT);
    }
    // Refusals are the user's input, not the instance failing: they never open its breaker.
    failed(source.fetch(Handle.of("mastodon", "alice@intranet.example")), Kind.REFUSED);
  }
}
