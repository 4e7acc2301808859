package org.influencebot.core.source.bluesky;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.Post;
import org.influencebot.core.account.PostKind;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.http.TestRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BlueskySourceTest {
  private static final String DID = "did:plc:z72i7hdynmk6r22z27h6tvur";
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
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static MockResponse fixture(String name) {
    return json(TestRuntime.fixture("bluesky/" + name));
  }

  private static MockResponse notFound() {
    return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"InvalidRequest\",\"message\":\"Profile not found\"}").build();
  }

  private BlueskySource source(int posts, int followers, int followerPages) {
    return new BlueskySource(BlueskyOptions.defaults().withBaseUrl(server.url("/xrpc/"))
        .withPolicy(TestRuntime.policy(3, 3)).withBudgets(posts, 2, followers, followerPages), rt.runtime);
  }

  /** The normal routes of alice's account. */
  private MockResponse alice(HttpUrl u) {
    String method = u.pathSegments().get(u.pathSize() - 1);
    return switch (method) {
      case "app.bsky.actor.getProfile" -> fixture("profile.json");
      case "app.bsky.feed.getAuthorFeed" -> fixture("author-feed.json");
      case "app.bsky.graph.getFollowers" -> u.queryParameter("cursor") == null ? fixture("followers-1.json")
          : fixture("followers-2.json");
      case "app.bsky.actor.getProfiles" -> fixture("profiles.json");
      default -> new MockResponse.Builder().code(501).build();
    };
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    return f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e).join();
  }

  @Test
  void mapsProfilePostsAndANewestFollowerSample() throws Exception {
    serve(this::alice);
    Account a = source(4, 10, 5).fetch(Handle.of("bluesky", "alice.bsky.social")).get(5, TimeUnit.SECONDS);

    assertThat(a.network()).contains("bluesky");
    assertThat(a.handle()).isEqualTo("alice.bsky.social");
    assertThat(a.id()).contains(DID);
    assertThat(a.displayName()).contains("Alice");
    assertThat(a.followers()).hasValue(1520);
    assertThat(a.following()).hasValue(310);
    assertThat(a.posts()).hasValue(4211);
    assertThat(a.likes()).isEmpty();
    assertThat(a.listed()).isEmpty();
    assertThat(a.verified()).contains(true);
    assertThat(a.declaredBot()).contains(false);
    assertThat(a.hasAvatar()).contains(true);
    assertThat(a.isProtected()).isEmpty();
    assertThat(a.createdAt()).contains(Instant.parse("2023-04-12T08:15:02.512Z"));
    assertThat(a.observedAt()).contains(TestRuntime.T0);
    assertThat(a.lastPostAt()).contains(Instant.parse("2026-11-27T18:00:00Z"));

    assertThat(a.recentPosts()).extracting(p -> p.kind().orElseThrow())
        .containsExactly(PostKind.ORIGINAL, PostKind.REPOST, PostKind.REPLY, PostKind.QUOTE);
    Post first = a.recentPosts().get(0);
    assertThat(first.likes()).hasValue(88);
    assertThat(first.reposts()).hasValue(12);
    assertThat(first.replies()).hasValue(4);
    assertThat(first.quotes()).hasValue(1);
    assertThat(first.hasMedia()).contains(true);
    Post repost = a.recentPosts().get(1);
    assertThat(repost.likes()).as("someone else's likes").isEmpty();
    assertThat(repost.createdAt()).contains(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(a.recentPosts().get(2).hasLink()).contains(true);

    assertThat(a.followerSampleMethod()).contains(Account.SampleMethod.NEWEST);
    assertThat(a.followerSample()).extracting(Account::handle)
        .containsExactly("newest.bsky.social", "bird.fan", "did:plc:f3");
    Account newest = a.followerSample().get(0);
    assertThat(newest.following()).hasValue(4980);
    assertThat(newest.hasAvatar()).contains(false);
    assertThat(a.followerSample().get(1).declaredBot()).contains(true);
    assertThat(a.followerSample().get(2).followers()).as("not in getProfiles: unknown").isEmpty();

    // profile + feed + 2 follower pages + 1 getProfiles batch
    assertThat(server.getRequestCount()).isEqualTo(5);
    HttpUrl feed = urls.stream().filter(u -> u.encodedPath().endsWith("getAuthorFeed")).findFirst().orElseThrow();
    assertThat(feed.queryParameter("actor")).isEqualTo(DID);
    assertThat(feed.queryParameter("limit")).isEqualTo("4");
    HttpUrl profiles = urls.stream().filter(u -> u.encodedPath().endsWith("getProfiles")).findFirst().orElseThrow();
    assertThat(profiles.queryParameterValues("actors")).containsExactly("did:plc:f1", "did:plc:f2", "did:plc:f3");
    // The result round-trips through the project's format.
    assertThat(AccountJson.read(AccountJson.write(a))).isEqualTo(a);
  }

  @Test
  void aDidIsLookedUpAsIs() throws Exception {
    serve(this::alice);
    Account a = source(0, 0, 0).fetch(Handle.of("bluesky", DID)).get(5, TimeUnit.SECONDS);
    assertThat(a.handle()).isEqualTo("alice.bsky.social");
    assertThat(urls).hasSize(1);
    assertThat(urls.peek().encodedPath()).isEqualTo("/xrpc/app.bsky.actor.getProfile");
    assertThat(urls.peek().queryParameter("actor")).isEqualTo(DID);
  }

  @Test
  void anUnknownActorIsNotFound() {
    serve(u -> notFound());
    assertThat(failure(source(10, 10, 1).fetch(Handle.of("bluesky", "ghost.bsky.social"))))
        .isInstanceOf(AccountNotFoundException.class);
  }

  @Test
  void followersAreBatchedBy25AndTheBudgetBoundsRequests() throws Exception {
    ObjectNode page = AccountJson.mapper().createObjectNode();
    ArrayNode list = page.putArray("followers");
    for (int i = 0; i < 100; i++) {
      list.addObject().put("did", "did:plc:n" + i).put("handle", "n" + i + ".bsky.social");
    }
    page.put("cursor", "more");
    serve(u -> {
      String m = u.pathSegments().get(u.pathSize() - 1);
      if (m.equals("app.bsky.actor.getProfile")) {
        return json(TestRuntime.fixture("bluesky/profile.json").replace("1520", "10000000"));
      }
      if (m.equals("app.bsky.graph.getFollowers")) {
        return json(page.toString());
      }
      if (m.equals("app.bsky.actor.getProfiles")) {
        ObjectNode out = AccountJson.mapper().createObjectNode();
        ArrayNode ps = out.putArray("profiles");
        u.queryParameterValues("actors").forEach(d -> ps.addObject().put("did", d).put("followersCount", 1));
        return json(out.toString());
      }
      return json("{\"feed\":[]}");
    });
    Account a = source(10, 30, 3).fetch(Handle.of("bluesky", "alice.bsky.social")).get(5, TimeUnit.SECONDS);
    assertThat(a.followers()).hasValue(10_000_000);
    assertThat(a.followerSample()).hasSize(30);
    List<HttpUrl> batches = urls.stream().filter(u -> u.encodedPath().endsWith("getProfiles")).toList();
    assertThat(batches).extracting(u -> u.queryParameterValues("actors").size()).containsExactly(25, 5);
    // profile + feed + 1 follower page + 2 batches, whatever the 10 million followers
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void aLoopingCursorStopsThePagingWithAPartialSample() throws Exception {
    serve(u -> {
      String m = u.pathSegments().get(u.pathSize() - 1);
      return switch (m) {
        case "app.bsky.graph.getFollowers" -> fixture("followers-1.json"); // always the same cursor
        case "app.bsky.feed.getAuthorFeed" -> json("{\"cursor\":\"same\",\"feed\":[]}");
        default -> alice(u);
      };
    });
    Account a = source(10, 1000, 50).fetch(Handle.of("bluesky", "alice.bsky.social")).get(5, TimeUnit.SECONDS);
    assertThat(a.followerSample()).hasSize(2);
    assertThat(urls.stream().filter(u -> u.encodedPath().endsWith("getFollowers")).count()).isEqualTo(2);
  }

  @Test
  void injectedHandlesStayInTheQueryValue() throws Exception {
    serve(u -> notFound());
    for (String evil : List.of("../../admin", "a?actor=x", "a#b", "a%2Fb", "alice@evil.host", "a&actor=did:plc:x")) {
      urls.clear();
      failure(source(1, 1, 1).fetch(Handle.of("bluesky", evil)));
      HttpUrl u = urls.peek();
      assertThat(u.host()).isEqualTo(server.getHostName());
      assertThat(u.encodedPath()).isEqualTo("/xrpc/app.bsky.actor.getProfile");
      assertThat(u.queryParameterNames()).containsExactly("actor");
      assertThat(u.queryParameterValues("actor")).containsExactly(evil);
      assertThat(u.fragment()).isNull();
    }
  }

  @Test
  void wrongTypesAndAbsurdNumbersAreBadResponses() {
    serve(u -> json(TestRuntime.fixture("bluesky/profile.json").replace("\"followersCount\": 1520",
        "\"followersCount\": \"lots\"")));
    SourceException e = (SourceException) failure(source(0, 0, 0).fetch(Handle.of("bluesky", "alice.bsky.social")));
    assertThat(e.kind()).isEqualTo(SourceException.Kind.BAD_RESPONSE);
    assertThat(e.getMessage()).contains("followersCount");

    serve(u -> json(TestRuntime.fixture("bluesky/profile.json").replace("1520", "-3")));
    assertThat(((SourceException) failure(source(0, 0, 0).fetch(Handle.of("bluesky", "a.bsky.social")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
    serve(u -> json(TestRuntime.fixture("bluesky/profile.json").replace("1520", "99999999999999")));
    assertThat(((SourceException) failure(source(0, 0, 0).fetch(Handle.of("bluesky", "a.bsky.social")))).getMessage())
        .contains("absurd");
    serve(u -> json("{\"did\": 12}"));
    assertThat(((SourceException) failure(source(0, 0, 0).fetch(Handle.of("bluesky", "a.bsky.social")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
  }

  @Test
  void aFeedItemWithoutAPostIsABadResponseNotACrash() {
    serve(u -> u.encodedPath().endsWith("getAuthorFeed") ? json("{\"feed\":[{\"nopost\":1}]}") : alice(u));
    assertThat(((SourceException) failure(source(5, 0, 0).fetch(Handle.of("bluesky", "alice.bsky.social")))).kind())
        .isEqualTo(SourceException.Kind.BAD_RESPONSE);
  }

  @Test
  void a503OnFollowersIsRetriedThenSucceeds() throws Exception {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    serve(u -> u.encodedPath().endsWith("getFollowers") && calls.getAndIncrement() == 0
        ? new MockResponse.Builder().code(503).build() : alice(u));
    Account a = source(1, 2, 1).fetch(Handle.of("bluesky", "alice.bsky.social")).get(5, TimeUnit.SECONDS);
    assertThat(a.followerSample()).hasSize(2);
    assertThat(rt.sleeps).hasSize(1);
    assertThat(rt.sleeps.get(0)).isLessThanOrEqualTo(Duration.ofMillis(400));
  }
}
