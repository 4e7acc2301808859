package org.influencebot.core.source.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
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
 * Draws a sample of Mastodon accounts from the default instance's profile directory
 * ({@code GET /api/v1/directory?local=true&order=new&offset=…&limit=80}; {@code docs/sources.md},
 * "Reference samples"). The directory lists only the instance's own accounts that chose to be
 * discoverable: that is the bias of this sample, and its {@link Reference#origin()} says so.
 *
 * <p>The directory has no size: pages {@code 1, 4, 16, …} (one account each) are probed until one is
 * empty, then pages are drawn uniformly below that bound (an empty page lowers it: rejection sampling), and
 * from each page of {@code m} accounts about {@code κ·m/80} are picked at random, so that every listed
 * account has the same chance. A directory of one page is taken whole (up to the target). Not thread-safe:
 * one draw at a time.
 */
public final class MastodonReferenceDraw implements ReferenceDrawer {
  public static final String NAME = "mastodon-directory";
  static final int PAGE = 80;

  /**
   * @param maxRequests every request of one draw (retries aside)
   * @param targetAccounts accounts wanted; fewer when the budget or the directory runs out first
   * @param minAccounts a draw with fewer accounts fails (the old sample is kept)
   * @param timeout the whole draw's deadline, waits for rate limits included
   * @param policy retries, body cap and circuit breaker of the draw's own requests
   */
  public record Options(int maxRequests, int targetAccounts, int minAccounts, Duration timeout, HttpCallPolicy policy) {
    public Options {
      Objects.requireNonNull(timeout);
      Objects.requireNonNull(policy);
      if (maxRequests < 3 || targetAccounts < 1 || minAccounts < 1 || minAccounts > targetAccounts) {
        throw new IllegalArgumentException("a Mastodon reference draw needs at least 3 requests and 1 ≤ minAccounts ≤ target");
      }
    }

    /** 30 requests, 500 accounts wanted (50 at least), 3 minutes. */
    public static Options defaults() {
      return new Options(30, 500, 50, Duration.ofMinutes(3), HttpCallPolicy.defaults());
    }

    public Options withBudget(int requests, int target, int min) {
      return new Options(requests, target, min, timeout, policy);
    }

    public Options withPolicy(HttpCallPolicy p) {
      return new Options(maxRequests, targetAccounts, minAccounts, timeout, p);
    }
  }

  private final MastodonOptions source;
  private final Options options;
  private final SourceRuntime runtime;
  private final RandomGenerator random;
  private final SourceHttp http;
  private final JsonFields f;
  private final MastodonMapper mapper;
  private int lastRequests;

  /**
   * @param source the Mastodon source's settings: its default instance is drawn (and its test override obeyed)
   * @param random the draw's randomness (a seeded {@code SplittableRandom} in tests)
   */
  public MastodonReferenceDraw(MastodonOptions source, Options options, SourceRuntime runtime, RandomGenerator random) {
    this.source = Objects.requireNonNull(source);
    this.options = Objects.requireNonNull(options);
    this.runtime = Objects.requireNonNull(runtime);
    this.random = Objects.requireNonNull(random);
    this.http = runtime.http(new SourceErrors(MastodonSource.NAME, "Mastodon"), options.policy());
    this.f = new JsonFields(http.errors());
    this.mapper = new MastodonMapper(f);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> networks() {
    return Set.of(MastodonSource.NAME);
  }

  /** Requests the last draw sent, retries aside. */
  public int lastRequests() {
    return lastRequests;
  }

  @Override
  public Optional<Reference> draw(String network) {
    if (!MastodonSource.NAME.equals(network)) {
      return Optional.empty();
    }
    String instance = source.defaultInstance().toLowerCase(java.util.Locale.ROOT);
    Deadline deadline = Deadline.after(runtime.clock(), options.timeout());
    Instant now = runtime.clock().instant();
    int[] used = {0};
    try {
      Map<String, Account> picked = new LinkedHashMap<>();
      List<JsonNode> first = page(instance, 0, PAGE, used, deadline);
      if (first.size() < PAGE) {
        // The whole directory in one page: a census, cut to the target at random.
        takeRandom(first, Math.min(first.size(), options.targetAccounts()), instance, now, picked);
      } else {
        drawPages(instance, now, used, deadline, picked);
      }
      if (picked.size() < options.minAccounts()) {
        throw http.errors().badResponse("only " + picked.size() + " accounts in the directory of " + instance
            + " after " + used[0] + " requests; at least " + options.minAccounts() + " wanted");
      }
      String origin = "profile directory of " + instance + " (local accounts that opted into discovery only; "
          + used[0] + " requests)";
      return Optional.of(new Reference(MastodonSource.NAME, List.copyOf(picked.values()), runtime.clock().instant(),
          Reference.Method.MASTODON_DIRECTORY, origin));
    } finally {
      lastRequests = used[0];
    }
  }

  private void drawPages(String instance, Instant now, int[] used, Deadline deadline, Map<String, Account> picked) {
    // An upper bound on the number of pages: probe pages 1, 4, 16, … with one account each.
    long bound = -1;
    int probes = Math.max(1, options.maxRequests() / 3);
    for (long p = 1; used[0] < probes + 1 && p < Long.MAX_VALUE / (4L * PAGE); p *= 4) {
      if (page(instance, p * PAGE, 1, used, deadline).isEmpty()) {
        bound = p;
        break;
      }
    }
    if (bound < 0) {
      throw http.errors().badResponse("the directory of " + instance + " is larger than " + probes
          + " probes can bound; give the draw more requests");
    }
    int target = options.targetAccounts();
    while (picked.size() < target && used[0] < options.maxRequests()) {
      int pagesLeft = options.maxRequests() - used[0];
      int kappa = Math.min(PAGE, Math.max(1, (target - picked.size() + pagesLeft - 1) / pagesLeft));
      long index = random.nextLong(bound);
      List<JsonNode> accounts = page(instance, index * PAGE, PAGE, used, deadline);
      if (accounts.isEmpty()) {
        bound = index;
        if (bound < 1) {
          break;
        }
        continue;
      }
      double expected = (double) kappa * accounts.size() / PAGE;
      int k = (int) Math.floor(expected) + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
      takeRandom(accounts, Math.min(k, target - picked.size()), instance, now, picked);
    }
  }

  private void takeRandom(List<JsonNode> accounts, int k, String instance, Instant now, Map<String, Account> picked) {
    List<JsonNode> pool = new ArrayList<>(accounts);
    int n = pool.size();
    for (int i = 0; i < Math.min(k, n); i++) {
      int j = i + random.nextInt(n - i);
      JsonNode chosen = pool.get(j);
      pool.set(j, pool.get(i));
      pool.set(i, chosen);
      Account a = mapper.account(chosen, instance, "directory", now).build();
      picked.putIfAbsent(a.id().orElse(a.handle()), a);
    }
  }

  private List<JsonNode> page(String instance, long offset, int limit, int[] used, Deadline deadline) {
    if (used[0] >= options.maxRequests()) {
      throw new IllegalStateException("reference draw over its budget of " + options.maxRequests() + " requests");
    }
    used[0]++;
    HttpUrl url = instanceUrl(instance).addPathSegments("api/v1/directory").addQueryParameter("local", "true")
        .addQueryParameter("order", "new").addQueryParameter("offset", Long.toString(offset))
        .addQueryParameter("limit", Integer.toString(limit)).build();
    HttpAnswer answer = http.get(url, Headers.of(), instance, deadline);
    if (answer.code() == 401 || answer.code() == 403 || answer.code() == 404 || answer.code() == 410) {
      throw http.errors().badResponse("the directory of " + instance + " is not public (HTTP " + answer.code() + ")");
    }
    if (!answer.ok()) {
      throw http.errors().badResponse("directory: HTTP " + answer.code() + " from " + answer.where());
    }
    JsonNode list = answer.json();
    if (!list.isArray()) {
      throw http.errors().badResponse("directory: expected a JSON array");
    }
    if (list.size() > limit) {
      throw http.errors().badResponse("directory: " + list.size() + " accounts for a limit of " + limit);
    }
    List<JsonNode> out = new ArrayList<>(list.size());
    list.forEach(out::add);
    return out;
  }

  private HttpUrl.Builder instanceUrl(String instance) {
    if (source.baseUrlOverride().isPresent()) {
      HttpUrl o = source.baseUrlOverride().get();
      return new HttpUrl.Builder().scheme(o.scheme()).host(o.host()).port(o.port());
    }
    return new HttpUrl.Builder().scheme("https").host(instance);
  }
}
