package org.influencebot.core.source.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.ReferenceDrawer;
import org.influencebot.core.source.http.HttpAnswer;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.JsonFields;
import org.influencebot.core.source.http.SourceErrors;
import org.influencebot.core.source.http.SourceHttp;
import org.influencebot.core.source.http.SourceRuntime;
import org.influencebot.core.source.resilience.Deadline;

/**
 * Draws a random sample of Bluesky accounts ({@code docs/sources.md}, "Reference samples"): random pages of
 * a relay's {@code com.atproto.sync.listRepos}, then the picked accounts' profiles from the AppView
 * ({@code app.bsky.actor.getProfiles}, 25 a call), all within {@link Options#maxRequests()} requests.
 *
 * <p>The lexicon calls the cursor an opaque string; the Bluesky relay ({@code indigo}) pages by its own
 * account number, returns the last account's number as the cursor and takes any number as a cursor
 * (accounts numbered above it). The draw relies on that: a relay whose cursors are not numbers is refused
 * with a sentence, never walked page by page. Cursors are drawn uniformly below a bound known to lie past
 * the last account (an empty page at a cursor lowers the bound: rejection sampling, so accepted cursors
 * stay uniform). From a page of {@code n} accounts spanning {@code span} numbers, about
 * {@code κ·n/span} are picked at random: an account's chance of being drawn is then the same whether
 * many or few numbers around it belong to deleted accounts. Inactive accounts ({@code active: false})
 * are skipped; accounts without a profile on the AppView are dropped.
 *
 * <p>Not thread-safe: one draw at a time ({@code DrawnReferences} runs them on one thread).
 */
public final class BlueskyReferenceDraw implements ReferenceDrawer {
  public static final String NAME = "bluesky-relay";
  public static final HttpUrl DEFAULT_RELAY = HttpUrl.get("https://bsky.network/xrpc/");
  static final int PROFILES_BATCH = BlueskySource.PROFILES_BATCH;
  private static final Pattern DID = Pattern.compile("did:[a-z]{1,16}:[A-Za-z0-9._:%-]{1,256}");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");

  /**
   * @param relayUrl the relay's XRPC base ({@code source.bluesky.relay_url}, {@link #DEFAULT_RELAY})
   * @param appViewUrl where profiles are read ({@code source.bluesky.base_url})
   * @param maxRequests every request of one draw, listRepos and getProfiles together (retries aside)
   * @param targetAccounts accounts wanted; fewer when the budget runs out first
   * @param minAccounts a draw with fewer profiles fails (the old sample is kept)
   * @param pageLimit accounts a listRepos page asks for (1 to 1000)
   * @param firstBound a cursor assumed past the last account on the first draw (checked by one request,
   *     raised fourfold while it is not)
   * @param timeout the whole draw's deadline, waits for rate limits included
   * @param policy retries, body cap and circuit breaker of the draw's own requests
   */
  public record Options(HttpUrl relayUrl, HttpUrl appViewUrl, int maxRequests, int targetAccounts, int minAccounts,
      int pageLimit, long firstBound, Duration timeout, HttpCallPolicy policy) {
    public Options {
      Objects.requireNonNull(relayUrl);
      Objects.requireNonNull(appViewUrl);
      Objects.requireNonNull(timeout);
      Objects.requireNonNull(policy);
      if (maxRequests < 4 || targetAccounts < 1 || minAccounts < 1 || minAccounts > targetAccounts || pageLimit < 2
          || pageLimit > 1000 || firstBound < 2) {
        throw new IllegalArgumentException("a Bluesky reference draw needs at least 4 requests, a target of at least "
            + "minAccounts ≥ 1, pages of 2 to 1000 and a first bound ≥ 2");
      }
    }

    /** 40 requests, 500 accounts wanted (100 at least), pages of 1000, first bound 2^27, 3 minutes. */
    public static Options defaults(HttpUrl relayUrl, HttpUrl appViewUrl) {
      return new Options(relayUrl, appViewUrl, 40, 500, 100, 1000, 1L << 27, Duration.ofMinutes(3),
          HttpCallPolicy.defaults());
    }

    public Options withBudget(int requests, int target, int min) {
      return new Options(relayUrl, appViewUrl, requests, target, min, pageLimit, firstBound, timeout, policy);
    }

    public Options withPaging(int limit, long bound) {
      return new Options(relayUrl, appViewUrl, maxRequests, targetAccounts, minAccounts, limit, bound, timeout, policy);
    }

    public Options withPolicy(HttpCallPolicy p) {
      return new Options(relayUrl, appViewUrl, maxRequests, targetAccounts, minAccounts, pageLimit, firstBound,
          timeout, p);
    }
  }

  private final Options options;
  private final SourceRuntime runtime;
  private final RandomGenerator random;
  private final SourceHttp http;
  private final JsonFields f;
  private final BlueskyMapper mapper;
  /** The lowest cursor known past the last account, from the last draw (0: none yet). */
  private long knownEnd;
  /** Requests the last draw sent, retries aside, for tests and logs. */
  private int lastRequests;

  /**
   * @param random the draw's randomness (a seeded {@code SplittableRandom} in tests)
   */
  public BlueskyReferenceDraw(Options options, SourceRuntime runtime, RandomGenerator random) {
    this.options = Objects.requireNonNull(options);
    this.runtime = Objects.requireNonNull(runtime);
    this.random = Objects.requireNonNull(random);
    this.http = runtime.http(new SourceErrors(BlueskySource.NAME, "Bluesky"), options.policy());
    this.f = new JsonFields(http.errors());
    this.mapper = new BlueskyMapper(f);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> networks() {
    return Set.of(BlueskySource.NAME);
  }

  /** Requests the last draw sent, retries aside. */
  public int lastRequests() {
    return lastRequests;
  }

  @Override
  public Optional<Reference> draw(String network) {
    if (!BlueskySource.NAME.equals(network)) {
      return Optional.empty();
    }
    Deadline deadline = Deadline.after(runtime.clock(), options.timeout());
    Budget budget = new Budget();
    try {
      long bound = pastTheEnd(budget, deadline);
      List<String> dids = pick(bound, budget, deadline);
      List<Account> accounts = profiles(dids, budget, deadline);
      if (accounts.size() < options.minAccounts()) {
        throw http.errors().badResponse("only " + accounts.size() + " profiles read for " + dids.size()
            + " accounts picked in " + budget.used + " requests; at least " + options.minAccounts() + " wanted");
      }
      String origin = "random listRepos pages of " + options.relayUrl().host() + ", profiles from "
          + options.appViewUrl().host() + " (" + accounts.size() + " of " + dids.size() + " picked accounts had one; "
          + budget.used + " requests)";
      return Optional.of(new Reference(BlueskySource.NAME, accounts, runtime.clock().instant(),
          Reference.Method.BLUESKY_RELAY, origin));
    } finally {
      lastRequests = budget.used;
    }
  }

  /** Requests sent so far in one draw. */
  private final class Budget {
    int used;

    int left() {
      return options.maxRequests() - used;
    }
  }

  /**
   * A cursor past the last account: the last draw's end (with a quarter more for new accounts) or the
   * configured first bound, checked by one small page and raised fourfold while the page is not empty.
   */
  private long pastTheEnd(Budget budget, Deadline deadline) {
    long bound = knownEnd > 0 ? knownEnd + knownEnd / 4 + 1 : options.firstBound();
    int probes = Math.max(1, options.maxRequests() / 4);
    for (int i = 0; i < probes; i++) {
      Page page = listRepos(bound, 2, budget, deadline);
      if (page.repos.isEmpty()) {
        return bound;
      }
      if (bound > Long.MAX_VALUE / 8) {
        break;
      }
      bound *= 4;
    }
    throw http.errors().badResponse("listRepos: still accounts past cursor " + bound + " after " + probes
        + " probes; the relay numbers its accounts otherwise than expected");
  }

  /** The picked accounts' DIDs, in the order drawn. */
  private List<String> pick(long firstBound, Budget budget, Deadline deadline) {
    long bound = firstBound;
    int target = options.targetAccounts();
    Set<String> picked = new LinkedHashSet<>();
    int profileCalls = ceil(target, PROFILES_BATCH);
    while (picked.size() < target) {
      int pagesLeft = Math.max(1, budget.left() - profileCalls - 1);
      int kappa = Math.min(options.pageLimit(), Math.max(1, ceil(target - picked.size(), pagesLeft)));
      // Keep enough requests for the profiles of what is picked now and of one more page's picks.
      if (budget.used + 1 + ceil(Math.min(target, picked.size() + kappa), PROFILES_BATCH) > options.maxRequests()) {
        break;
      }
      long cursor = random.nextLong(bound);
      Page page = listRepos(cursor, options.pageLimit(), budget, deadline);
      if (page.repos.isEmpty()) {
        bound = cursor; // past the last account: no cursor at or above it is drawn again
        if (bound < 1) {
          throw http.errors().badResponse("listRepos: the relay lists no account");
        }
        continue;
      }
      int n = page.repos.size();
      double expected;
      if (page.next.isPresent()) {
        long span = page.next.get() - cursor;
        if (span < n) {
          throw http.errors().badResponse("listRepos: the cursor is not the number of the page's last account");
        }
        expected = (double) kappa * n / span;
      } else {
        expected = (double) kappa * n / options.pageLimit(); // the list's last page: its span is unknown
      }
      int k = (int) Math.floor(expected) + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
      k = Math.min(Math.min(k, n), target - picked.size());
      List<JsonNode> repos = new ArrayList<>(page.repos);
      for (int i = 0; i < k; i++) {
        int j = i + random.nextInt(n - i);
        JsonNode chosen = repos.get(j);
        repos.set(j, repos.get(i));
        repos.set(i, chosen);
        boolean active = f.bool(chosen, "active", "listRepos").orElse(true);
        Optional<String> did = f.text(chosen, "did", "listRepos").filter(d -> DID.matcher(d).matches());
        if (active && did.isPresent()) {
          picked.add(did.get());
        }
      }
    }
    knownEnd = bound;
    return List.copyOf(picked);
  }

  private List<Account> profiles(List<String> dids, Budget budget, Deadline deadline) {
    Instant now = runtime.clock().instant();
    Map<String, Account> byDid = new LinkedHashMap<>();
    for (int i = 0; i < dids.size() && budget.left() > 0; i += PROFILES_BATCH) {
      List<String> batch = dids.subList(i, Math.min(dids.size(), i + PROFILES_BATCH));
      HttpUrl.Builder url = options.appViewUrl().newBuilder().addPathSegment("app.bsky.actor.getProfiles");
      batch.forEach(d -> url.addQueryParameter("actors", d));
      JsonNode answer = get(url.build(), "getProfiles", budget, deadline);
      for (JsonNode p : f.array(answer, "profiles", "getProfiles")) {
        String did = f.requiredText(p, "did", "getProfiles");
        if (batch.contains(did)) {
          byDid.putIfAbsent(did, mapper.profile(p, "getProfiles", now).build());
        }
      }
    }
    return List.copyOf(byDid.values());
  }

  /** One listRepos page: its repos and, when full, the relay's numeric cursor. */
  private record Page(List<JsonNode> repos, Optional<Long> next) {}

  private Page listRepos(long cursor, int limit, Budget budget, Deadline deadline) {
    HttpUrl url = options.relayUrl().newBuilder().addPathSegment("com.atproto.sync.listRepos")
        .addQueryParameter("cursor", Long.toString(cursor)).addQueryParameter("limit", Integer.toString(limit))
        .build();
    JsonNode answer = get(url, "listRepos", budget, deadline);
    List<JsonNode> repos = new ArrayList<>();
    f.array(answer, "repos", "listRepos").forEach(repos::add);
    if (repos.size() > limit) {
      throw http.errors().badResponse("listRepos: " + repos.size() + " repos for a limit of " + limit);
    }
    Optional<String> next = f.text(answer, "cursor", "listRepos").filter(s -> !s.isBlank());
    if (next.isPresent() && !NUMBER.matcher(next.get()).matches()) {
      throw http.errors().badResponse("listRepos: the relay's cursors are not account numbers, so no random page "
          + "can be asked of it");
    }
    return new Page(repos, next.map(Long::parseLong));
  }

  private JsonNode get(HttpUrl url, String method, Budget budget, Deadline deadline) {
    if (budget.left() <= 0) {
      throw new IllegalStateException("reference draw over its budget of " + options.maxRequests() + " requests");
    }
    budget.used++;
    HttpAnswer answer = http.get(url, Headers.of(), deadline);
    if (!answer.ok()) {
      throw http.errors().badResponse(method + ": HTTP " + answer.code() + " from " + answer.where());
    }
    JsonNode node = answer.json();
    if (!node.isObject()) {
      throw http.errors().badResponse(method + ": expected a JSON object");
    }
    return node;
  }

  private static int ceil(int n, int d) {
    return (n + d - 1) / d;
  }
}
