package org.influencebot.core.source.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.PostKind;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.http.TestRuntime;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MastodonSourceTest {
  private final MockWebServer server = new MockWebServer();
  private final ConcurrentLinkedQueue<HttpUrl> urls = new ConcurrentLinkedQueue<>();
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

  private void serve(Function<HttpUrl, MockResponse> routes) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        urls.add(request.getUrl());
        return routes.apply(request.getUrl());
      }
    });
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body).build();
  }

  private static MockResponse fixture(String name) {
    return json(TestRuntime.fixture("mastodon/" + name));
  }

  private MastodonSource source(int posts, int followers, int followerPages) {
    return new MastodonSource(MastodonOptions.defaults().withBaseUrlOverride(server.url("/"))
        .withPolicy(TestRuntime.policy(3, 3)).withBudgets(posts, 1, followers, followerPages), rt.runtime);
  }

  private MockResponse alice(HttpUrl u) {
    String p = u.encodedPath();
    if (p.equals("/api/v1/accounts/lookup")) {
      return fixture("account.json");
    }
    if (p.equals("/api/v1/accounts/109302/statuses")) {
      return fixture("statuses.json");
    }
    if (p.equals("/api/v1/accounts/109302/followers")) {
      if (u.queryParameter("max_id") == null) {
        HttpUrl next = server.url("/api/v1/accounts/109302/followers?limit=80&max_id=200002");
        HttpUrl prev = server.url("/api/v1/accounts/109302/followers?limit=80&min_id=200001");
        return fixture("followers-1.json").newBuilder()
            .setHeader("Link", "<" + next + ">; rel=\"next\", <" + prev + ">; rel=\"prev\"").build();
      }
      return fixture("followers-2.json");
    }
    return new MockResponse.Builder().code(404).body("{\"error\":\"Record not found\"}").build();
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    return f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e).join();
  }

  @Test
  void mapsTheAccountStatusesAndFollowersAcrossLinkPages() throws Exception {
    serve(this::alice);
    Account a = source(40, 160, 2).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);

    assertThat(a.handle()).isEqualTo("alice@mastodon.example");
    assertThat(a.network()).contains("mastodon");
    assertThat(a.id()).contains("109302");
    assertThat(a.displayName()).contains("Alice 🐦");
    assertThat(a.followers()).hasValue(812);
    assertThat(a.following()).hasValue(120);
    assertThat(a.posts()).hasValue(2044);
    assertThat(a.declaredBot()).contains(false);
    assertThat(a.isProtected()).contains(false);
    assertThat(a.hasAvatar()).contains(true);
    assertThat(a.defaultProfile()).contains(true);
    assertThat(a.bio()).contains("Birds & trees.\nParis");
    assertThat(a.verified()).isEmpty();
    assertThat(a.likes()).isEmpty();
    assertThat(a.listed()).isEmpty();
    assertThat(a.createdAt()).contains(Instant.parse("2022-11-05T00:00:00Z"));
    assertThat(a.lastPostAt()).contains(Instant.parse("2026-11-27T20:15:00Z"));

    assertThat(a.recentPosts()).extracting(p -> p.kind().orElseThrow())
        .containsExactly(PostKind.ORIGINAL, PostKind.REPOST, PostKind.REPLY);
    assertThat(a.recentPosts().get(0).likes()).hasValue(41);
    assertThat(a.recentPosts().get(0).reposts()).hasValue(7);
    assertThat(a.recentPosts().get(0).hasMedia()).contains(true);
    assertThat(a.recentPosts().get(1).likes()).isEmpty();
    assertThat(a.recentPosts().get(2).hasLink()).contains(true);

    assertThat(a.followerSampleMethod()).contains(Account.SampleMethod.NEWEST);
    assertThat(a.followerSample()).extracting(Account::handle)
        .containsExactly("fresh@mastodon.example", "robot@bots.example", "old@other.example");
    assertThat(a.followerSample().get(0).hasAvatar()).contains(false);
    assertThat(a.followerSample().get(1).declaredBot()).contains(true);
    assertThat(a.followerSample().get(2).isProtected()).contains(true);

    assertThat(server.getRequestCount()).isEqualTo(4);
    HttpUrl lookup = urls.peek();
    assertThat(lookup.queryParameter("acct")).isEqualTo("alice");
    assertThat(urls).anyMatch(u -> u.encodedPath().endsWith("/followers") && "80".equals(u.queryParameter("limit")));
    assertThat(AccountJson.read(AccountJson.write(a))).isEqualTo(a);
  }

  @Test
  void bareNamesGoToTheDefaultInstanceAndUnknownAccountsAreNotFound() {
    serve(u -> new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"Record not found\"}").build());
    assertThat(failure(source(1, 1, 1).fetch(Handle.of("mastodon", "ghost")))).isInstanceOf(AccountNotFoundException.class);
    assertThat(urls.peek().queryParameter("acct")).isEqualTo("ghost");
    assertThat(source(1, 1, 1).userAndInstance(Handle.of("mastodon", "ghost"))).containsExactly("ghost", "mastodon.social");
  }

  @Test
  void theInstanceComesFromTheHandle() {
    MastodonSource real = new MastodonSource(MastodonOptions.defaults(), rt.runtime);
    assertThat(real.instanceUrl("fosstodon.org").build().toString()).isEqualTo("https://fosstodon.org/");
  }

  @Test
  void hiddenCollectionsGiveNoSampleAndNoFollowerRequest() throws Exception {
    serve(u -> u.encodedPath().endsWith("lookup")
        ? json(TestRuntime.fixture("mastodon/account.json").replace("\"hide_collections\": false", "\"hide_collections\": true"))
        : alice(u));
    Account a = source(40, 80, 1).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(a.followerSample()).isEmpty();
    assertThat(a.followerSampleMethod()).isEmpty();
    assertThat(urls).noneMatch(u -> u.encodedPath().endsWith("/followers"));
  }

  @Test
  void anEmptyListDespiteFollowersOrA403MeansHidden() throws Exception {
    serve(u -> u.encodedPath().endsWith("/followers") ? json("[]") : alice(u));
    Account a = source(0, 80, 1).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(a.followerSample()).isEmpty();
    assertThat(a.followerSampleMethod()).isEmpty();

    serve(u -> u.encodedPath().endsWith("/followers")
        ? new MockResponse.Builder().code(403).body("{\"error\":\"This action is not allowed\"}").build() : alice(u));
    Account b = source(0, 80, 1).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(b.followerSample()).isEmpty();
    assertThat(b.followers()).hasValue(812);
  }

  @Test
  void a429WithAnIsoResetIsWaitedOutThenSucceeds() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    serve(u -> {
      if (u.encodedPath().endsWith("lookup") && lookups.getAndIncrement() == 0) {
        return new MockResponse.Builder().code(429).setHeader("X-RateLimit-Limit", "300")
            .setHeader("X-RateLimit-Remaining", "0")
            .setHeader("X-RateLimit-Reset", TestRuntime.T0.plusSeconds(4).toString()).body("{\"error\":\"Too many requests\"}")
            .build();
      }
      return alice(u);
    });
    Account a = source(0, 0, 0).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(a.followers()).hasValue(812);
    assertThat(rt.sleeps).containsExactly(Duration.ofSeconds(4));
  }

  @Test
  void aLongResetIsRateLimitedAtOnce() {
    serve(u -> new MockResponse.Builder().code(429)
        .setHeader("X-RateLimit-Reset", TestRuntime.T0.plusSeconds(240).toString()).build());
    SourceException e = (SourceException) failure(source(0, 0, 0).fetch(Handle.of("mastodon", "alice@mastodon.example")));
    assertThat(e.kind()).isEqualTo(SourceException.Kind.RATE_LIMITED);
    assertThat(Messages.english().format(e.userMessage()))
        .isEqualTo("Mastodon is rate-limiting the bot; try again in 240 s.");
    assertThat(rt.sleeps).isEmpty();
  }

  @Test
  void endlessOrForeignLinkPagesAreNotFollowed() throws Exception {
    // A Link to the same page again: read once.
    serve(u -> u.encodedPath().endsWith("/followers")
        ? fixture("followers-1.json").newBuilder().setHeader("Link", "<" + u + ">; rel=\"next\"").build() : alice(u));
    Account a = source(0, 1000, 50).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(a.followerSample()).hasSize(2);
    assertThat(urls.stream().filter(u -> u.encodedPath().endsWith("/followers")).count()).isEqualTo(1);

    // Ever new max_ids with the same followers: stops when a page brings nobody new.
    urls.clear();
    AtomicInteger n = new AtomicInteger();
    serve(u -> u.encodedPath().endsWith("/followers")
        ? fixture("followers-1.json").newBuilder().setHeader("Link", "<" + server.url(
            "/api/v1/accounts/109302/followers?max_id=" + n.incrementAndGet()) + ">; rel=\"next\"").build() : alice(u));
    source(0, 1000, 50).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS);
    assertThat(urls.stream().filter(u -> u.encodedPath().endsWith("/followers")).count()).isEqualTo(2);

    // A Link to another host or path: ignored.
    urls.clear();
    serve(u -> u.encodedPath().endsWith("/followers")
        ? fixture("followers-1.json").newBuilder()
            .setHeader("Link", "<http://evil.example/api/v1/accounts/109302/followers?max_id=1>; rel=\"next\"").build()
        : alice(u));
    assertThat(source(0, 1000, 50).fetch(Handle.of("mastodon", "alice@mastodon.example")).get(5, TimeUnit.SECONDS)
        .followerSample()).hasSize(2);
    assertThat(urls).allMatch(u -> u.host().equals(server.getHostName()));
  }

  @Test
  void injectedNamesAreRefusedOrEncoded() throws Exception {
    serve(this::alice);
    for (String evil : List.of("../admin@mastodon.example", "a?b=c@mastodon.example", "a#b@mastodon.example",
        "a%2Fb@mastodon.example", "alice@evil.host/x", "alice@evil.host@mastodon.example", "alice@evil.host:8080")) {
      assertThat(failure(source(0, 0, 0).fetch(Handle.of("mastodon", evil))))
          .as(evil).isInstanceOf(AccountNotFoundException.class);
    }
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anIdThatIsAPathIsABadResponse() {
    serve(u -> u.encodedPath().endsWith("lookup")
        ? json(TestRuntime.fixture("mastodon/account.json").replace("\"109302\"", "\"../../admin\"")) : alice(u));
    SourceException e = (SourceException) failure(source(1, 1, 1).fetch(Handle.of("mastodon", "alice@mastodon.example")));
    assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void htmlAndTruncatedAnswersAreBadResponses() {
    serve(u -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
        .body("<!DOCTYPE html><html><body>We're sorry, but something went wrong.</body></html>").build());
    assertThat(((SourceException) failure(source(0, 0, 0).fetch(Handle.of("mastodon", "alice@mastodon.example")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
    serve(u -> u.encodedPath().endsWith("/statuses") ? json("[{\"id\":\"1\",\"created_at\":\"2026-") : alice(u));
    assertThat(((SourceException) failure(source(5, 0, 0).fetch(Handle.of("mastodon", "alice@mastodon.example")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
    serve(u -> u.encodedPath().endsWith("/followers") ? json("[{\"id\":\"1\",\"acct\":\"x\",\"followers_count\":-1}]") : alice(u));
    assertThat(((SourceException) failure(source(0, 5, 1).fetch(Handle.of("mastodon", "alice@mastodon.example")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
  }

  @Test
  void oneDeadInstanceDoesNotOpenTheBreakerOfOthers() throws Exception {
    MastodonSource s = new MastodonSource(MastodonOptions.defaults().withBaseUrlOverride(server.url("/"))
        .withPolicy(TestRuntime.policy(1, 2)).withBudgets(0, 0, 0, 0), rt.runtime);
    AtomicInteger calls = new AtomicInteger();
    serve(u -> calls.incrementAndGet() <= 2 ? new MockResponse.Builder().code(502).build() : alice(u));
    failure(s.fetch(Handle.of("mastodon", "a@dead.example")));
    failure(s.fetch(Handle.of("mastodon", "a@dead.example")));
    SourceException open = (SourceException) failure(s.fetch(Handle.of("mastodon", "b@dead.example")));
    assertThat(open.kind()).isEqualTo(SourceException.Kind.CIRCUIT_OPEN);
    assertThat(Messages.english().format(open.userMessage()))
        .isEqualTo("Mastodon is not answering right now; try again in 2 minutes.");
    assertThat(server.getRequestCount()).isEqualTo(2);
    // Another instance has its own breaker.
    assertThat(s.fetch(Handle.of("mastodon", "alice@alive.example")).get(5, TimeUnit.SECONDS).followers()).hasValue(812);
  }
}
