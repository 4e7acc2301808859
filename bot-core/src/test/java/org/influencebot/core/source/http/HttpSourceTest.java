package org.influencebot.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.SourceException.Kind;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP source and, through it, the shared resilient GET (retries, breaker, caps, timeouts). */
class HttpSourceTest {
  private final MockWebServer server = new MockWebServer();
  private TestRuntime rt;

  @BeforeEach
  void start() throws Exception {
    server.start();
    rt = new TestRuntime();
  }

  @AfterEach
  void stop() {
    rt.close();
    server.close();
  }

  private HttpSource source(HttpCallPolicy policy, Optional<String> auth) {
    return new HttpSource(HttpSourceOptions.of(server.url("/api/")).withPolicy(policy), auth, rt.runtime);
  }

  private HttpSource source() {
    return source(TestRuntime.policy(3, 3), Optional.of("Bearer s3cret-token"));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static Throwable failure(java.util.concurrent.CompletableFuture<?> f) {
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(java.util.concurrent.ExecutionException.class);
    return f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e).join();
  }

  private static SourceException sourceFailure(java.util.concurrent.CompletableFuture<?> f, Kind kind) {
    Throwable t = failure(f);
    assertThat(t).isInstanceOf(SourceException.class);
    SourceException e = (SourceException) t;
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    return e;
  }

  @Test
  void readsTheAccountWithTheAuthorizationHeaderAndUserAgent() throws Exception {
    server.enqueue(json(200, TestRuntime.fixture("http/account.json")));
    Account a = source().fetch(Handle.of("twitter", "braddd")).get(5, TimeUnit.SECONDS);
    assertThat(a.handle()).isEqualTo("braddd");
    assertThat(a.followers()).hasValue(5470);
    assertThat(a.followerSample()).hasSize(2);
    assertThat(a.followerSampleMethod()).contains(Account.SampleMethod.RANDOM);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/accounts/twitter/braddd");
    assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret-token");
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("influence-bot/test");
    assertThat(r.getHeaders().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void unqualifiedHandlesAskNetworkAnyAndAMissingNetworkIsFilledIn() throws Exception {
    server.enqueue(json(200, "{\"handle\":\"alice\",\"followers\":3}"));
    Account a = source().fetch(Handle.unqualified("alice")).get(5, TimeUnit.SECONDS);
    assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/accounts/any/alice");
    assertThat(a.network()).isEmpty();
    server.enqueue(json(200, "{\"handle\":\"alice\",\"followers\":3}"));
    assertThat(source().fetch(Handle.of("bluesky", "alice.bsky.social")).get(5, TimeUnit.SECONDS).network())
        .contains("bluesky");
  }

  @Test
  void notFoundIs404() {
    server.enqueue(json(404, "{\"error\":\"no such account\"}"));
    assertThat(failure(source().fetch(Handle.of("twitter", "ghost")))).isInstanceOf(AccountNotFoundException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../admin", "a?b=c", "x#frag", "a%2Fb", "u@evil.host", "../../etc/passwd", "a/b"})
  void noHandleLeavesItsPathSegment(String name) throws Exception {
    server.enqueue(json(404, "{}"));
    failure(source().fetch(Handle.of("twitter", name)));
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().host()).isEqualTo(server.getHostName());
    assertThat(r.getUrl().port()).isEqualTo(server.getPort());
    assertThat(r.getUrl().pathSegments()).containsExactly("api", "accounts", "twitter", name);
    assertThat(r.getUrl().query()).isNull();
    assertThat(r.getUrl().fragment()).isNull();
  }

  @Test
  void dotSegmentsAreNotFoundWithoutAnyRequest() {
    assertThat(failure(source().fetch(Handle.of("twitter", "..")))).isInstanceOf(AccountNotFoundException.class);
    assertThat(failure(source().fetch(Handle.of("..", "alice")))).isInstanceOf(AccountNotFoundException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anAccountOffTheFormatIsABadResponseNamingTheField() {
    server.enqueue(json(200, "{\"handle\":\"alice\",\"followers\":\"many\"}"));
    SourceException e = sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("followers");
    assertThat(Messages.english().format(e.userMessage())).isEqualTo(
        "http answered something unreadable; the bot's operator can find the details in the log.");
  }

  @Test
  void absurdCountsAreABadResponse() {
    server.enqueue(json(200, "{\"handle\":\"alice\",\"followers\":5000000000000}"));
    assertThat(sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE).getMessage())
        .contains("absurd");
  }

  @Test
  void retriesA500ThenSucceeds() throws Exception {
    server.enqueue(json(500, "{}"));
    server.enqueue(json(200, "{\"handle\":\"alice\"}"));
    assertThat(source().fetch(Handle.of("twitter", "alice")).get(5, TimeUnit.SECONDS).handle()).isEqualTo("alice");
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(rt.sleeps).hasSize(1);
    assertThat(rt.sleeps.get(0).toMillis()).isBetween(200L, 400L);
  }

  @Test
  void honoursRetryAfterOnA429ThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3").build());
    server.enqueue(json(200, "{\"handle\":\"alice\"}"));
    source().fetch(Handle.of("twitter", "alice")).get(5, TimeUnit.SECONDS);
    assertThat(rt.sleeps).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aWaitBeyondTheBudgetIsRateLimitedAtOnceWithTheWaitInTheMessage() {
    server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3600").build());
    SourceException e = sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.RATE_LIMITED);
    assertThat(rt.sleeps).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Messages.english().format(e.userMessage())).isEqualTo(
        "http is rate-limiting the bot; try again in 3,600 s.");
    assertThat(Messages.forTag("fr").format(e.userMessage())).contains("600 s").startsWith("http limite");
  }

  @Test
  void retriesAreBoundedInCount() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(json(503, "{}"));
    }
    sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.UNAVAILABLE);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(rt.sleeps).hasSize(2);
  }

  @Test
  void aResetHeaderOnA5xxIsNotAWaitButRemainingZeroIs() throws Exception {
    // A 503 carrying a reset 10 minutes away with requests left: an ordinary failure, retried at once.
    server.enqueue(json(503, "{}").newBuilder().setHeader("X-RateLimit-Remaining", "40")
        .setHeader("X-RateLimit-Reset", TestRuntime.T0.plusSeconds(600).toString()).build());
    server.enqueue(json(200, "{\"handle\":\"alice\"}"));
    assertThat(source().fetch(Handle.of("twitter", "alice")).get(5, TimeUnit.SECONDS).handle()).isEqualTo("alice");
    assertThat(rt.sleeps).hasSize(1);
    assertThat(rt.sleeps.get(0)).isLessThan(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  private static long T30() {
    return TestRuntime.T0.plusSeconds(30).getEpochSecond();
  }

  @Test
  void noRequestIsSentAfterRemainingZeroUntilTheReset() throws Exception {
    HttpSource s = source();
    server.enqueue(json(200, "{\"handle\":\"alice\"}").newBuilder().setHeader("RateLimit-Limit", "50")
        .setHeader("RateLimit-Remaining", "0").setHeader("RateLimit-Reset", Long.toString(T30())).build());
    s.fetch(Handle.of("twitter", "alice")).get(5, TimeUnit.SECONDS);
    SourceException e = sourceFailure(s.fetch(Handle.of("twitter", "bob")), Kind.RATE_LIMITED);
    assertThat(Messages.english().format(e.userMessage())).isEqualTo("http is rate-limiting the bot; try again in 30 s.");
    assertThat(server.getRequestCount()).isEqualTo(1);
    rt.clock.advance(Duration.ofSeconds(30));
    server.enqueue(json(200, "{\"handle\":\"bob\"}"));
    assertThat(s.fetch(Handle.of("twitter", "bob")).get(5, TimeUnit.SECONDS).handle()).isEqualTo("bob");
  }

  @Test
  void aSlowServerTimesOutWithoutRetrying() {
    // Headers later than the 300 ms read timeout: the request fails as too slow and is not asked again.
    server.enqueue(new MockResponse.Builder().code(200).body("{\"handle\":\"a\"}")
        .headersDelay(3, TimeUnit.SECONDS).build());
    SourceException e = sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.TIMEOUT);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(Messages.english().format(e.userMessage())).contains("took too long");
  }

  @Test
  void aSlowBodyIsCutOffAtTheLookupsDeadline() {
    // Each byte comes in time for the read timeout, the whole body does not fit the lookup's 400 ms.
    TestRuntime tight = new TestRuntime(new HttpTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5),
        Duration.ofSeconds(20)), Duration.ofMillis(400), okhttp3.Dns.SYSTEM);
    try {
      server.enqueue(new MockResponse.Builder().code(200).body("{\"handle\":\"alice\"}")
          .throttleBody(1, 200, TimeUnit.MILLISECONDS).build());
      HttpSource s = new HttpSource(HttpSourceOptions.of(server.url("/api/")), Optional.empty(), tight.runtime);
      sourceFailure(s.fetch(Handle.of("twitter", "alice")), Kind.TIMEOUT);
      assertThat(server.getRequestCount()).isEqualTo(1);
    } finally {
      tight.close();
    }
  }

  @Test
  void anHtmlErrorPageIsABadResponse() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<html><body>Bad gateway</body></html>").build());
    assertThat(sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE).getMessage())
        .contains("HTML");
  }

  @Test
  void truncatedJsonIsABadResponse() {
    server.enqueue(json(200, "{\"handle\":\"alice\",\"followers\":12"));
    assertThat(sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE).getMessage())
        .contains("malformed or truncated");
  }

  @Test
  void wrongJsonShapeIsABadResponse() {
    server.enqueue(json(200, "[1,2,3]"));
    sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE);
  }

  @Test
  void anOversizedBodyIsRefusedWithOrWithoutContentLength() {
    String big = "{\"handle\":\"alice\",\"bio\":\"" + "x".repeat(100_000) + "\"}";
    server.enqueue(json(200, big));
    assertThat(sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE).getMessage())
        .contains("bytes");
    server.enqueue(new MockResponse.Builder().code(200).chunkedBody(new Buffer().writeUtf8(big), 4096).build());
    assertThat(sourceFailure(source().fetch(Handle.of("twitter", "alice")), Kind.BAD_RESPONSE).getMessage())
        .contains("longer than");
  }

  @Test
  void theBreakerOpensFailsFastAndClosesAfterASuccessfulTrial() throws Exception {
    HttpSource s = source(TestRuntime.policy(1, 3), Optional.empty());
    for (int i = 0; i < 3; i++) {
      server.enqueue(json(502, "<html>bad gateway</html>"));
      sourceFailure(s.fetch(Handle.of("twitter", "alice")), Kind.UNAVAILABLE);
    }
    SourceException open = sourceFailure(s.fetch(Handle.of("twitter", "alice")), Kind.CIRCUIT_OPEN);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(Messages.english().format(open.userMessage()))
        .isEqualTo("http is not answering right now; try again in 2 minutes.");
    assertThat(Messages.forTag("fr").format(open.userMessage()))
        .isEqualTo("http ne répond pas en ce moment ; réessayez dans 2 minutes.");
    rt.clock.advance(Duration.ofSeconds(90));
    assertThat(Messages.english().format(
        sourceFailure(s.fetch(Handle.of("twitter", "alice")), Kind.CIRCUIT_OPEN).userMessage()))
        .endsWith("try again in 1 minute.");
    rt.clock.advance(Duration.ofSeconds(31));
    server.enqueue(json(200, "{\"handle\":\"alice\"}"));
    assertThat(s.fetch(Handle.of("twitter", "alice")).get(5, TimeUnit.SECONDS).handle()).isEqualTo("alice");
    server.enqueue(json(200, "{\"handle\":\"bob\"}"));
    assertThat(s.fetch(Handle.of("twitter", "bob")).get(5, TimeUnit.SECONDS).handle()).isEqualTo("bob");
  }

  @Test
  void authorizationComesFromTheNamedVariableAndIsNeverInMessages() throws Exception {
    HttpSourceOptions o = HttpSourceOptions.of(server.url("/")).withAuthEnvVar("METRICS_TOKEN");
    assertThatThrownBy(() -> HttpSource.fromEnvironment(o, Map.of(), rt.runtime))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("METRICS_TOKEN");
    HttpSource s = HttpSource.fromEnvironment(o, Map.of("METRICS_TOKEN", "Token abc123"), rt.runtime);
    server.enqueue(json(500, "{}"));
    server.enqueue(json(500, "{}"));
    server.enqueue(json(500, "{}"));
    SourceException e = sourceFailure(s.fetch(Handle.of("twitter", "alice")), Kind.UNAVAILABLE);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Token abc123");
    assertThat(e.getMessage()).doesNotContain("abc123");
  }

  @Test
  void fetchDoesNotBlockTheCaller() throws Exception {
    // An executor that runs nothing until told: fetch must hand the work over and return at once.
    java.util.concurrent.BlockingQueue<Runnable> queued = new java.util.concurrent.LinkedBlockingQueue<>();
    SourceRuntime held = new SourceRuntime(rt.client, queued::add, rt.clock, new java.util.Random(1), d -> { },
        Duration.ofSeconds(20));
    server.enqueue(json(200, "{\"handle\":\"alice\"}"));
    var f = new HttpSource(HttpSourceOptions.of(server.url("/api/")), Optional.empty(), held)
        .fetch(Handle.of("twitter", "alice"));
    assertThat(f).isNotDone();
    assertThat(server.getRequestCount()).as("nothing was asked on the caller's thread").isZero();
    assertThat(queued).hasSize(1);
    queued.take().run();
    assertThat(f.get(5, TimeUnit.SECONDS).handle()).isEqualTo("alice");
  }
}
