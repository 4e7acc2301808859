package org.influencebot.core.source.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.source.http.TestRuntime;

/**
 * Fake servers that answer like Bluesky's AppView and a Mastodon instance for an account with
 * {@link #FOLLOWERS} followers and thousands of posts: pages as large as asked (up to the real APIs'
 * limits), real cursors and {@code Link} headers, and rate-limit headers chosen by the test. Each
 * request may move the test clock (an answer that is "late") without any real wait.
 */
public final class FakeApis extends Dispatcher {
  public static final long FOLLOWERS = 120_000;

  /** Which API to answer as. */
  public enum Api { APPVIEW, MASTODON }

  /** What a test wants a request answered with instead of the normal answer (null: normal). */
  @FunctionalInterface
  public interface Answer {
    MockResponse answer(int n, HttpUrl url);
  }

  private final Api api;
  private final TestRuntime.MutableClock clock;
  private final AtomicInteger count = new AtomicInteger();
  public final List<HttpUrl> urls = new CopyOnWriteArrayList<>();
  private volatile Duration lateBy = Duration.ZERO;
  private volatile Function<Integer, Headers> limitHeaders = n -> Headers.of();
  private volatile Answer override = (n, u) -> null;

  public FakeApis(Api api, TestRuntime.MutableClock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** Every answer moves the clock on by {@code d}, as if it came that late. */
  public FakeApis lateBy(Duration d) {
    lateBy = d;
    return this;
  }

  /** Rate-limit headers of the n-th answer (1-based). */
  public FakeApis limitHeaders(Function<Integer, Headers> h) {
    limitHeaders = h;
    return this;
  }

  public FakeApis override(Answer o) {
    override = o;
    return this;
  }

  public int requests() {
    return count.get();
  }

  /** Bluesky's headers: unprefixed, reset in epoch seconds. */
  public static Headers bluesky(int limit, int remaining, Instant reset) {
    return Headers.of(Map.of("RateLimit-Limit", Integer.toString(limit), "RateLimit-Remaining",
        Integer.toString(remaining), "RateLimit-Reset", Long.toString(reset.getEpochSecond()),
        "RateLimit-Policy", limit + ";w=300"));
  }

  /** Mastodon's headers: X- prefixed, reset as an ISO time. */
  public static Headers mastodon(int limit, int remaining, Instant reset) {
    return Headers.of(Map.of("X-RateLimit-Limit", Integer.toString(limit), "X-RateLimit-Remaining",
        Integer.toString(remaining), "X-RateLimit-Reset", reset.toString()));
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    int n = count.incrementAndGet();
    HttpUrl url = request.getUrl();
    urls.add(url);
    clock.advance(lateBy);
    MockResponse special = override.answer(n, url);
    MockResponse.Builder b = special != null ? special.newBuilder() : normal(url);
    limitHeaders.apply(n).forEach(h -> b.setHeader(h.getFirst(), h.getSecond()));
    return b.build();
  }

  private MockResponse.Builder normal(HttpUrl url) {
    return api == Api.APPVIEW ? appView(url) : mastodon(url);
  }

  private static MockResponse.Builder json(Object body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json; charset=utf-8")
        .body(body.toString());
  }

  private static int intParam(HttpUrl u, String name, int dflt) {
    String v = u.queryParameter(name);
    return v == null ? dflt : Integer.parseInt(v);
  }

  private MockResponse.Builder appView(HttpUrl u) {
    String method = u.pathSegments().get(u.pathSize() - 1);
    ObjectNode out = AccountJson.mapper().createObjectNode();
    Instant now = TestRuntime.T0;
    switch (method) {
      case "app.bsky.actor.getProfile" -> {
        out.put("did", "did:plc:big").put("handle", "big.bsky.social").put("followersCount", FOLLOWERS)
            .put("followsCount", 300).put("postsCount", 9000).put("createdAt", "2023-05-01T00:00:00Z");
        return json(out);
      }
      case "app.bsky.feed.getAuthorFeed" -> {
        int from = intParam(u, "cursor", 0);
        int limit = Math.min(100, intParam(u, "limit", 50));
        ArrayNode feed = out.putArray("feed");
        for (int i = from; i < from + limit; i++) {
          ObjectNode post = feed.addObject().putObject("post");
          post.put("uri", "at://did:plc:big/app.bsky.feed.post/" + i).put("likeCount", 4).put("repostCount", 1)
              .put("replyCount", 0).put("quoteCount", 0).put("indexedAt", now.minus(Duration.ofHours(i + 1)).toString());
          post.putObject("record").put("$type", "app.bsky.feed.post").put("text", "post " + i)
              .put("createdAt", now.minus(Duration.ofHours(i + 1)).toString());
        }
        out.put("cursor", Integer.toString(from + limit));
        return json(out);
      }
      case "app.bsky.graph.getFollowers" -> {
        int from = intParam(u, "cursor", 0);
        int limit = Math.min(100, intParam(u, "limit", 50));
        ArrayNode list = out.putArray("followers");
        for (int i = from; i < Math.min(FOLLOWERS, from + limit); i++) {
          list.addObject().put("did", "did:plc:f" + i).put("handle", "f" + i + ".bsky.social");
        }
        if (from + limit < FOLLOWERS) {
          out.put("cursor", Integer.toString(from + limit));
        }
        return json(out);
      }
      case "app.bsky.actor.getProfiles" -> {
        ArrayNode list = out.putArray("profiles");
        for (String did : u.queryParameterValues("actors")) {
          list.addObject().put("did", did).put("handle", did.substring(8) + ".bsky.social").put("followersCount", 7)
              .put("followsCount", 40).put("postsCount", 12).put("createdAt", "2024-01-01T00:00:00Z");
        }
        return json(out);
      }
      default -> {
        return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
            .body("{\"error\":\"MethodNotImplemented\"}");
      }
    }
  }

  private MockResponse.Builder mastodon(HttpUrl u) {
    String p = u.encodedPath();
    if (p.equals("/api/v1/accounts/lookup")) {
      return json(TestRuntime.fixture("mastodon/account.json").replace("812", Long.toString(FOLLOWERS)));
    }
    int limit = intParam(u, "limit", 20);
    long maxId = u.queryParameter("max_id") == null ? Long.MAX_VALUE : Long.parseLong(u.queryParameter("max_id"));
    ArrayNode list = AccountJson.mapper().createArrayNode();
    long first;
    if (p.endsWith("/statuses")) {
      limit = Math.min(40, limit);
      first = Math.min(maxId - 1, 500_000);
      for (long id = first; id > first - limit; id--) {
        list.addObject().put("id", Long.toString(id)).put("created_at", TestRuntime.T0.minus(Duration.ofHours(500_001 - id)).toString())
            .put("replies_count", 0).put("reblogs_count", 1).put("favourites_count", 3).put("content", "<p>x</p>")
            .putArray("media_attachments");
      }
    } else if (p.endsWith("/followers")) {
      limit = Math.min(80, limit);
      first = Math.min(maxId - 1, FOLLOWERS);
      for (long id = first; id > Math.max(0, first - limit); id--) {
        list.addObject().put("id", Long.toString(id)).put("username", "f" + id).put("acct", "f" + id + "@elsewhere.example")
            .put("followers_count", 7).put("following_count", 40).put("statuses_count", 12)
            .put("created_at", "2024-01-01T00:00:00.000Z").put("avatar", "https://x.example/a.png")
            .put("header", "https://x.example/h.png");
      }
    } else {
      return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
          .body("{\"error\":\"Record not found\"}");
    }
    MockResponse.Builder b = json(list);
    if (list.size() > 0) {
      String last = list.get(list.size() - 1).get("id").asText();
      HttpUrl next = u.newBuilder().setQueryParameter("max_id", last).build();
      b.setHeader("Link", "<" + next + ">; rel=\"next\", <" + u.newBuilder().setQueryParameter("min_id", list.get(0).get("id").asText())
          .removeAllQueryParameters("max_id").build() + ">; rel=\"prev\"");
    }
    return b;
  }
}
