package org.influencebot.core.source.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
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
 * Mastodon, asking each account's own instance without login: {@code /api/v1/accounts/lookup}, the
 * newest statuses, and a sample of the newest followers (80 a page, following {@code Link} headers). A
 * hidden follower list ({@code hide_collections}, an empty list despite followers, 401/403) gives no
 * sample at all. Verified, likes given and lists are unknown on Mastodon.
 */
public final class MastodonSource implements MetricsSource {
  public static final String NAME = "mastodon";
  static final int STATUS_PAGE = 40;
  static final int FOLLOWER_PAGE = 80;
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?");
  private static final Pattern HOST =
      Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final MastodonOptions options;
  private final SourceRuntime runtime;
  private final SourceHttp http;
  private final JsonFields f;
  private final MastodonMapper mapper;

  public MastodonSource(MastodonOptions options, SourceRuntime runtime) {
    this.options = Objects.requireNonNull(options);
    this.runtime = Objects.requireNonNull(runtime);
    this.http = runtime.http(new SourceErrors(NAME, "Mastodon"), options.policy());
    this.f = new JsonFields(http.errors());
    this.mapper = new MastodonMapper(f);
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

  /** {@code user@instance} split and checked; a bare name is on the default instance. */
  String[] userAndInstance(Handle handle) {
    String name = handle.name().startsWith("@") ? handle.name().substring(1) : handle.name();
    int at = name.indexOf('@');
    String user = at < 0 ? name : name.substring(0, at);
    String instance = (at < 0 ? options.defaultInstance() : name.substring(at + 1)).toLowerCase(Locale.ROOT);
    if (!USER.matcher(user).matches() || !HOST.matcher(instance).matches()) {
      throw new AccountNotFoundException(handle, NAME);
    }
    return new String[] {user, instance};
  }

  /** {@code https://instance/}, or the test override's scheme, host and port. */
  HttpUrl.Builder instanceUrl(String instance) {
    if (options.baseUrlOverride().isPresent()) {
      HttpUrl o = options.baseUrlOverride().get();
      return new HttpUrl.Builder().scheme(o.scheme()).host(o.host()).port(o.port());
    }
    return new HttpUrl.Builder().scheme("https").host(instance);
  }

  private Account load(Handle handle, Deadline deadline) {
    String[] ui = userAndInstance(handle);
    String user = ui[0];
    String instance = ui[1];
    Instant now = runtime.clock().instant();
    HttpUrl lookup = instanceUrl(instance).addPathSegments("api/v1/accounts/lookup")
        .addQueryParameter("acct", user).build();
    HttpAnswer answer = http.get(lookup, Headers.of(), instance, deadline);
    if (answer.code() == 404 || answer.code() == 410) {
      throw new AccountNotFoundException(handle, NAME);
    }
    if (!answer.ok()) {
      throw http.errors().badResponse("account lookup: HTTP " + answer.code() + " from " + answer.where());
    }
    JsonNode acc = answer.json();
    if (!acc.isObject()) {
      throw http.errors().badResponse("account lookup: expected a JSON object");
    }
    String id = f.requiredText(acc, "id", "lookup");
    if (!ID.matcher(id).matches()) {
      throw http.errors().badResponse("account lookup: an id that is not an id");
    }
    Account.Builder account = mapper.account(acc, instance, "lookup", now).handle(user + "@" + instance);

    List<Post> posts = statuses(instance, id, deadline);
    account.recentPosts(posts);
    Optional<Instant> newest = posts.stream().map(Post::createdAt).flatMap(Optional::stream).max(Instant::compareTo);
    Optional<Instant> lastStatus = f.time(acc, "last_status_at", "lookup");
    if (newest.isPresent() && (lastStatus.isEmpty() || newest.get().isAfter(lastStatus.get()))) {
      account.lastPostAt(newest.get());
    }

    boolean hidden = f.bool(acc, "hide_collections", "lookup").orElse(false);
    long followers = f.count(acc, "followers_count", "lookup").orElse(-1);
    if (!hidden && followers != 0 && options.maxFollowers() > 0 && options.maxFollowerPages() > 0) {
      followers(instance, id, now, deadline, account);
    }
    return account.build();
  }

  private List<Post> statuses(String instance, String id, Deadline deadline) {
    List<Post> posts = new ArrayList<>();
    if (options.maxPosts() == 0 || options.maxPostPages() == 0) {
      return posts;
    }
    HttpUrl url = instanceUrl(instance).addPathSegments("api/v1/accounts").addPathSegment(id)
        .addPathSegment("statuses")
        .addQueryParameter("limit", Integer.toString(Math.min(STATUS_PAGE, options.maxPosts()))).build();
    Set<String> seen = new HashSet<>();
    for (int page = 0; page < options.maxPostPages() && url != null && posts.size() < options.maxPosts(); page++) {
      HttpAnswer answer = http.get(url, Headers.of(), instance, deadline);
      if (!answer.ok()) {
        break; // statuses hidden (401/403/404): posts stay unknown
      }
      JsonNode list = answer.json();
      if (!list.isArray()) {
        throw http.errors().badResponse("statuses: expected a JSON array");
      }
      if (list.isEmpty()) {
        break;
      }
      for (JsonNode s : list) {
        if (posts.size() >= options.maxPosts()) {
          break;
        }
        posts.add(mapper.status(s, "status"));
      }
      url = next(answer, url, seen);
    }
    return posts;
  }

  /**
   * The newest followers (method {@code newest}; none when the list is hidden) and, past them, deeper
   * strata ({@link DeepFollowers}). Mastodon's follower pages carry each follower's counts.
   */
  private void followers(String instance, String id, Instant now, Deadline deadline, Account.Builder account) {
    HttpUrl first = instanceUrl(instance).addPathSegments("api/v1/accounts").addPathSegment(id)
        .addPathSegment("followers").build();
    FollowerPages pages = new FollowerPages(instance, first, now, deadline);
    List<Account> newest = DeepFollowers.newest(pages, options.maxFollowers(), options.maxFollowerPages(), FOLLOWER_PAGE);
    if (newest.isEmpty()) {
      return; // hidden (401/403/404, or an empty first page despite followers): no sample, no method
    }
    account.followerSample(newest).followerSampleMethod(Account.SampleMethod.NEWEST);
    if (newest.size() == options.maxFollowers() && pages.more()) {
      // Walks on past the newest sample ({@code max_id} pages of 80); the pages carry the followers' counts.
      account.followerStrata(DeepFollowers.strata(pages, DeepFollowers.plan(options.deepFollowerRequests(), 0),
          FOLLOWER_PAGE, run -> run, NAME));
    }
  }

  /**
   * The follower list read page by page through {@code Link} headers ({@code max_id}). Stops at the end,
   * at a hidden list (401/403/404 or an empty page), at a page of followers already seen and at a page
   * already read (a loop); counts the position of each page in the newest-first list.
   */
  private final class FollowerPages implements DeepFollowers.Pages<Account> {
    private final String instance;
    private final Instant now;
    private final Deadline deadline;
    private final Set<String> ids = new HashSet<>();
    private final Set<String> read = new HashSet<>();
    private HttpUrl url;
    private boolean more = true;
    private long position;

    FollowerPages(String instance, HttpUrl first, Instant now, Deadline deadline) {
      this.instance = instance;
      this.url = first;
      this.now = now;
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
    public List<Account> next(int limit) {
      HttpUrl asked = url.newBuilder().setQueryParameter("limit", Integer.toString(limit)).build();
      HttpAnswer answer = http.get(asked, Headers.of(), instance, deadline);
      if (answer.code() == 401 || answer.code() == 403 || answer.code() == 404) {
        more = false;
        return List.of();
      }
      if (!answer.ok()) {
        throw http.errors().badResponse("followers: HTTP " + answer.code() + " from " + answer.where());
      }
      JsonNode list = answer.json();
      if (!list.isArray()) {
        throw http.errors().badResponse("followers: expected a JSON array");
      }
      List<Account> fresh = new ArrayList<>();
      for (JsonNode a : list) {
        position++;
        Account follower = mapper.account(a, instance, "follower", now).build();
        if (ids.add(follower.id().orElse(follower.handle()))) {
          fresh.add(follower);
        }
      }
      url = fresh.isEmpty() ? null : MastodonSource.this.next(answer, asked, read);
      more = url != null;
      return fresh;
    }
  }

  /**
   * The next page from the {@code Link} header, only on the same scheme, host, port and path (a hostile
   * instance cannot send the bot elsewhere), and never a page already read (whatever its {@code limit}).
   */
  private HttpUrl next(HttpAnswer answer, HttpUrl current, Set<String> seen) {
    seen.add(pageKey(current));
    Optional<String> link = LinkHeader.next(answer.header("Link"));
    if (link.isEmpty()) {
      return null;
    }
    HttpUrl next = HttpUrl.parse(link.get());
    if (next == null || !next.scheme().equals(current.scheme()) || !next.host().equals(current.host())
        || next.port() != current.port() || !next.encodedPath().equals(current.encodedPath())) {
      return null;
    }
    if (options.baseUrlOverride().isEmpty() && !next.isHttps()) {
      return null;
    }
    return seen.contains(pageKey(next)) ? null : next;
  }

  private static String pageKey(HttpUrl url) {
    return url.newBuilder().removeAllQueryParameters("limit").build().toString();
  }
}
