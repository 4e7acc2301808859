package org.influencebot.core.source.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.Post;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.DeepFollowers;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.http.AsyncFetch;
import org.influencebot.core.source.http.HttpAnswer;
import org.influencebot.core.source.http.JsonFields;
import org.influencebot.core.source.http.SourceErrors;
import org.influencebot.core.source.http.SourceHttp;
import org.influencebot.core.source.http.SourceRuntime;
import org.influencebot.core.source.resilience.Deadline;

/**
 * Bluesky through its public AppView, without login: {@code app.bsky.actor.getProfile}, the newest posts
 * of {@code app.bsky.feed.getAuthorFeed}, and a sample of the newest followers
 * ({@code app.bsky.graph.getFollowers}) with their own counts ({@code app.bsky.actor.getProfiles}, 25 a
 * call). Domain handles and {@code did:} both work. Likes given and lists are unknown on Bluesky.
 */
public final class BlueskySource implements MetricsSource {
  public static final String NAME = "bluesky";
  static final int PAGE = 100;
  static final int PROFILES_BATCH = 25;

  private final BlueskyOptions options;
  private final SourceRuntime runtime;
  private final SourceHttp http;
  private final JsonFields f;
  private final BlueskyMapper mapper;

  public BlueskySource(BlueskyOptions options, SourceRuntime runtime) {
    this.options = Objects.requireNonNull(options);
    this.runtime = Objects.requireNonNull(runtime);
    this.http = runtime.http(new SourceErrors(NAME, "Bluesky"), options.policy());
    this.f = new JsonFields(http.errors());
    this.mapper = new BlueskyMapper(f);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean serves(String network) {
    return NAME.equals(network);
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    Deadline deadline = runtime.deadline();
    return AsyncFetch.run(runtime.executor(), http.errors(), () -> load(handle, deadline));
  }

  private Account load(Handle handle, Deadline deadline) {
    String actor = handle.name().startsWith("@") ? handle.name().substring(1) : handle.name();
    if (actor.isBlank()) {
      throw new AccountNotFoundException(handle, NAME);
    }
    Instant now = runtime.clock().instant();
    JsonNode profile = call("app.bsky.actor.getProfile", Map.of("actor", List.of(actor)), handle, true, deadline);
    Account.Builder account = mapper.profile(profile, "getProfile", now);
    String did = f.requiredText(profile, "did", "getProfile");

    List<Post> posts = recentPosts(did, handle, deadline);
    account.recentPosts(posts);
    posts.stream().map(Post::createdAt).flatMap(Optional::stream).max(Instant::compareTo)
        .ifPresent(account::lastPostAt);

    long followers = f.count(profile, "followersCount", "getProfile").orElse(-1);
    if (options.maxFollowers() > 0 && options.maxFollowerPages() > 0 && followers != 0) {
      followers(did, handle, now, deadline, account);
    }
    return account.build();
  }

  private List<Post> recentPosts(String did, Handle handle, Deadline deadline) {
    List<Post> posts = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    for (int page = 0; page < options.maxPostPages() && posts.size() < options.maxPosts(); page++) {
      int limit = Math.min(PAGE, options.maxPosts() - posts.size());
      Map<String, List<String>> q = new LinkedHashMap<>();
      q.put("actor", List.of(did));
      q.put("limit", List.of(Integer.toString(limit)));
      q.put("filter", List.of("posts_with_replies"));
      if (cursor != null) {
        q.put("cursor", List.of(cursor));
      }
      JsonNode feed = call("app.bsky.feed.getAuthorFeed", q, handle, false, deadline);
      if (feed == null) {
        break; // blocked or hidden feed: posts stay unknown
      }
      int before = posts.size();
      for (JsonNode item : f.array(feed, "feed", "getAuthorFeed")) {
        if (posts.size() >= options.maxPosts()) {
          break;
        }
        posts.add(mapper.feedItem(item, "getAuthorFeed"));
      }
      cursor = f.text(feed, "cursor", "getAuthorFeed").orElse(null);
      if (posts.size() == before || cursor == null || cursor.isBlank() || !cursors.add(cursor)) {
        break;
      }
    }
    return posts;
  }

  /**
   * The newest followers (method {@code newest}) and, past them, deeper strata ({@link DeepFollowers}),
   * each follower with its own counts from {@code getProfiles}.
   */
  private void followers(String did, Handle handle, Instant now, Deadline deadline, Account.Builder account) {
    FollowerPages pages = new FollowerPages(did, handle, deadline);
    List<JsonNode> newest = DeepFollowers.newest(pages, options.maxFollowers(), options.maxFollowerPages(), PAGE);
    if (newest.isEmpty()) {
      return;
    }
    account.followerSample(withCounts(newest, handle, now, deadline)).followerSampleMethod(Account.SampleMethod.NEWEST);
    if (newest.size() == options.maxFollowers() && pages.more()) {
      // A stratum is a run of 25 of its page: one getProfiles call for their counts.
      account.followerStrata(DeepFollowers.strata(pages, DeepFollowers.plan(options.deepFollowerRequests(), 1), PAGE,
          run -> withCounts(run.subList(0, Math.min(PROFILES_BATCH, run.size())), handle, now, deadline), NAME));
    }
  }

  /** The followers' own counts, {@code getProfiles} 25 at a time; a follower it does not return keeps its basic view. */
  private List<Account> withCounts(List<JsonNode> views, Handle handle, Instant now, Deadline deadline) {
    Map<String, JsonNode> detailed = new LinkedHashMap<>();
    for (int i = 0; i < views.size(); i += PROFILES_BATCH) {
      List<String> actors = new ArrayList<>();
      for (JsonNode v : views.subList(i, Math.min(views.size(), i + PROFILES_BATCH))) {
        actors.add(v.get("did").textValue());
      }
      JsonNode answer = call("app.bsky.actor.getProfiles", Map.of("actors", actors), handle, false, deadline);
      if (answer == null) {
        continue;
      }
      for (JsonNode p : f.array(answer, "profiles", "getProfiles")) {
        detailed.put(f.requiredText(p, "did", "getProfiles"), p);
      }
    }
    List<Account> sample = new ArrayList<>(views.size());
    for (JsonNode v : views) {
      JsonNode p = detailed.getOrDefault(v.get("did").textValue(), v);
      sample.add(mapper.profile(p, "follower", now).build());
    }
    return sample;
  }

  /**
   * The follower list read page by page with {@code getFollowers} cursors. Stops at the end, at a hidden
   * list, at a page that brings no new follower and at a cursor seen before (a loop); counts the
   * position of each page in the newest-first list.
   */
  private final class FollowerPages implements DeepFollowers.Pages<JsonNode> {
    private final String did;
    private final Handle handle;
    private final Deadline deadline;
    private final Set<String> seen = new HashSet<>();
    private final Set<String> cursors = new HashSet<>();
    private String cursor;
    private boolean more = true;
    private long position;

    FollowerPages(String did, Handle handle, Deadline deadline) {
      this.did = did;
      this.handle = handle;
      this.deadline = deadline;
    }

    @Override
    public boolean more() {
      return more;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public List<JsonNode> next(int limit) {
      Map<String, List<String>> q = new LinkedHashMap<>();
      q.put("actor", List.of(did));
      q.put("limit", List.of(Integer.toString(limit)));
      if (cursor != null) {
        q.put("cursor", List.of(cursor));
      }
      JsonNode answer = call("app.bsky.graph.getFollowers", q, handle, false, deadline);
      if (answer == null) {
        more = false;
        return List.of();
      }
      List<JsonNode> fresh = new ArrayList<>();
      for (JsonNode follower : f.array(answer, "followers", "getFollowers")) {
        position++;
        if (seen.add(f.requiredText(follower, "did", "getFollowers"))) {
          fresh.add(follower);
        }
      }
      cursor = f.text(answer, "cursor", "getFollowers").orElse(null);
      more = !fresh.isEmpty() && cursor != null && !cursor.isBlank() && cursors.add(cursor);
      return fresh;
    }
  }

  /**
   * One XRPC GET. A 400 naming an unknown, deactivated or taken-down actor is "not found" for the
   * profile itself, and "nothing to read" (null) for the secondary calls.
   */
  private JsonNode call(String method, Map<String, List<String>> query, Handle handle, boolean primary,
      Deadline deadline) {
    HttpUrl.Builder url = options.baseUrl().newBuilder().addPathSegment(method);
    query.forEach((k, vs) -> vs.forEach(v -> url.addQueryParameter(k, v)));
    HttpAnswer answer = http.get(url.build(), Headers.of(), deadline);
    if (answer.ok()) {
      JsonNode node = answer.json();
      if (!node.isObject()) {
        throw http.errors().badResponse(method + ": expected a JSON object");
      }
      return node;
    }
    if (answer.code() == 400 || answer.code() == 404) {
      String error = "";
      String message = "";
      try {
        JsonNode node = answer.json();
        error = f.text(node, "error", method).orElse("");
        message = f.text(node, "message", method).orElse("");
      } catch (RuntimeException e) {
        // fall through: an unreadable error body is a bad response below
      }
      boolean gone = answer.code() == 404 || error.equals("AccountTakedown") || error.equals("AccountDeactivated")
          || error.equals("NotFound") || message.toLowerCase(java.util.Locale.ROOT).contains("not found")
          || error.equals("BlockedActor") || error.equals("BlockedByActor");
      if (gone) {
        if (primary) {
          throw new AccountNotFoundException(handle, NAME);
        }
        return null;
      }
      if (error.equals("InvalidRequest") && primary) {
        throw new AccountNotFoundException(handle, NAME);
      }
    }
    throw http.errors().badResponse(method + ": HTTP " + answer.code());
  }
}
