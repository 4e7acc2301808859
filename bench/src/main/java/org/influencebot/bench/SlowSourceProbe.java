package org.influencebot.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.bluesky.BlueskyOptions;
import org.influencebot.core.source.bluesky.BlueskySource;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.SourceHttpClient;
import org.influencebot.core.source.http.SourceRuntime;
import org.influencebot.core.source.mastodon.MastodonOptions;
import org.influencebot.core.source.mastodon.MastodonSource;

/**
 * Requests per summary and the wall time of one lookup, at the shipped defaults (100 posts, 500 followers,
 * 8 deeper-strata requests, default retries, {@code source.timeout: 20s}), against a fake Bluesky AppView
 * and a fake Mastodon instance on 127.0.0.1 (JDK HttpServer) for an account of 120,000 followers: once
 * answering at once, once with every answer {@code delayMs} late (default 3000). Real clock, real sleeps.
 * Run: {@code java -cp bench/target/benchmarks.jar org.influencebot.bench.SlowSourceProbe [delayMs]}
 */
public final class SlowSourceProbe {
  private static final int FOLLOWERS = 120_000;
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static volatile long delayMs;

  private SlowSourceProbe() {}

  public static void main(String[] args) throws Exception {
    long slow = args.length > 0 ? Long.parseLong(args[0]) : 3000;
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    server.setExecutor(serverThreads);
    server.createContext("/", SlowSourceProbe::answer);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    Duration timeout = Duration.ofSeconds(20);
    OkHttpClient client = SourceHttpClient.create(new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), timeout),
        Set.of("127.0.0.1"));
    ExecutorService io = Executors.newFixedThreadPool(2);
    SourceRuntime rt = SourceRuntime.production(client, io, timeout);
    MetricsSource bluesky = new BlueskySource(BlueskyOptions.defaults().withBaseUrl(HttpUrl.get(base + "xrpc/"))
        .withSample(100, 500).withDeepFollowerRequests(8), rt);
    MetricsSource mastodon = new MastodonSource(MastodonOptions.defaults().withSample(100, 500)
        .withDeepFollowerRequests(8).withBaseUrlOverride(HttpUrl.get(base)), rt);
    try {
      for (long d : new long[] {0, slow}) {
        delayMs = d;
        run("bluesky", bluesky, Handle.of("bluesky", "big.bsky.social"), d);
        run("mastodon", mastodon, Handle.of("mastodon", "big@mastodon.example"), d);
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
      io.shutdownNow();
      client.dispatcher().executorService().shutdown();
    }
  }

  private static void run(String name, MetricsSource source, Handle handle, long delay) throws Exception {
    REQUESTS.set(0);
    long start = System.nanoTime();
    String outcome;
    try {
      Account a = source.fetch(handle).get(5, TimeUnit.MINUTES);
      outcome = "summary: " + a.recentPosts().size() + " posts, " + a.followerSample().size() + " newest followers, "
          + a.followerStrata().size() + " strata";
    } catch (java.util.concurrent.ExecutionException e) {
      outcome = e.getCause() instanceof SourceException se ? se.kind().toString() : e.getCause().toString();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%-8s answers %4d ms late: %2d requests, %5.1f s, %s%n", name, delay, REQUESTS.get(), seconds,
        outcome);
  }

  private static void answer(HttpExchange x) throws IOException {
    REQUESTS.incrementAndGet();
    try {
      Thread.sleep(delayMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    URI uri = x.getRequestURI();
    Map<String, List<String>> q = query(uri.getRawQuery());
    String path = uri.getPath();
    String body;
    String link = null;
    if (path.startsWith("/xrpc/")) {
      body = appView(path.substring(6), q);
    } else if (path.equals("/api/v1/accounts/lookup")) {
      body = "{\"id\":\"1\",\"username\":\"big\",\"acct\":\"big\",\"created_at\":\"2023-05-01T00:00:00.000Z\","
          + "\"followers_count\":" + FOLLOWERS + ",\"following_count\":300,\"statuses_count\":9000}";
    } else {
      int limit = Integer.parseInt(first(q, "limit", "40"));
      long max = Long.parseLong(first(q, "max_id", Long.toString(FOLLOWERS + 1L)));
      boolean statuses = path.endsWith("/statuses");
      StringBuilder b = new StringBuilder("[");
      for (long id = max - 1; id >= Math.max(1, max - limit); id--) {
        b.append(b.length() > 1 ? "," : "").append(statuses
            ? "{\"id\":\"" + id + "\",\"created_at\":\"" + Instant.now().minusSeconds(3600 * (max - id)) + "\",\"favourites_count\":3}"
            : "{\"id\":\"" + id + "\",\"acct\":\"f" + id + "@elsewhere.example\",\"followers_count\":7,\"following_count\":40,\"statuses_count\":12}");
      }
      body = b.append("]").toString();
      long last = Math.max(1, max - limit);
      link = "<http://127.0.0.1:" + x.getLocalAddress().getPort() + path + "?limit=" + limit + "&max_id=" + last
          + ">; rel=\"next\"";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    if (link != null) {
      x.getResponseHeaders().set("Link", link);
    }
    x.sendResponseHeaders(200, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private static String appView(String method, Map<String, List<String>> q) {
    int limit = Integer.parseInt(first(q, "limit", "50"));
    int from = Integer.parseInt(first(q, "cursor", "0"));
    StringBuilder b = new StringBuilder();
    switch (method) {
      case "app.bsky.actor.getProfile" -> b.append("{\"did\":\"did:plc:big\",\"handle\":\"big.bsky.social\",\"followersCount\":")
          .append(FOLLOWERS).append(",\"followsCount\":300,\"postsCount\":9000}");
      case "app.bsky.feed.getAuthorFeed" -> {
        b.append("{\"feed\":[");
        for (int i = from; i < from + limit; i++) {
          b.append(i > from ? "," : "").append("{\"post\":{\"likeCount\":3,\"record\":{\"createdAt\":\"")
              .append(Instant.now().minusSeconds(3600L * (i + 1))).append("\"}}}");
        }
        b.append("],\"cursor\":\"").append(from + limit).append("\"}");
      }
      case "app.bsky.graph.getFollowers" -> {
        b.append("{\"followers\":[");
        for (int i = from; i < from + limit; i++) {
          b.append(i > from ? "," : "").append("{\"did\":\"did:plc:f").append(i).append("\"}");
        }
        b.append("],\"cursor\":\"").append(from + limit).append("\"}");
      }
      default -> {
        b.append("{\"profiles\":[");
        List<String> actors = q.getOrDefault("actors", List.of());
        for (int i = 0; i < actors.size(); i++) {
          b.append(i > 0 ? "," : "").append("{\"did\":\"").append(actors.get(i))
              .append("\",\"followersCount\":7,\"followsCount\":40,\"postsCount\":12}");
        }
        b.append("]}");
      }
    }
    return b.toString();
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        q.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
      }
    }
    return q;
  }

  private static String first(Map<String, List<String>> q, String k, String dflt) {
    List<String> v = q.get(k);
    return v == null || v.isEmpty() ? dflt : v.get(0);
  }
}
