package org.influencebot.core.source.mastodon;

import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.influencebot.core.source.DeepFollowers;
import org.influencebot.core.source.http.HttpCallPolicy;

/**
 * The Mastodon source's settings. Budgets bound the requests of one summary whatever the account's size
 * ({@link #requestsPerLookup()}).
 *
 * @param defaultInstance the instance of bare names ({@code alice} → {@code alice@mastodon.social})
 * @param baseUrlOverride for tests: replaces scheme, host and port of every instance's URL
 * @param maxPosts newest statuses read (0 = none)
 * @param maxPostPages status pages at most (40 a page)
 * @param maxFollowers followers sampled, newest first (0 = no sample)
 * @param maxFollowerPages follower pages at most (80 a page, {@code Link} header); also stops endless paging
 * @param deepFollowerRequests follower pages read past the newest sample for deeper strata
 *     ({@link DeepFollowers}; 0 = none)
 * @param policy retries, body cap and circuit breaker (one breaker per instance)
 */
public record MastodonOptions(String defaultInstance, Optional<HttpUrl> baseUrlOverride, int maxPosts,
    int maxPostPages, int maxFollowers, int maxFollowerPages, int deepFollowerRequests, HttpCallPolicy policy) {
  public MastodonOptions {
    Objects.requireNonNull(defaultInstance);
    Objects.requireNonNull(baseUrlOverride);
    Objects.requireNonNull(policy);
    if (maxPosts < 0 || maxPostPages < 0 || maxFollowers < 0 || maxFollowerPages < 0 || deepFollowerRequests < 0) {
      throw new IllegalArgumentException("Mastodon budgets must not be negative");
    }
  }

  /** mastodon.social, 40 statuses (1 request), 80 followers (1 request), no deeper strata. */
  public static MastodonOptions defaults() {
    return new MastodonOptions("mastodon.social", Optional.empty(), 40, 1, 80, 1, 0, HttpCallPolicy.defaults());
  }

  /**
   * The most requests one summary sends to the account's instance, retries aside: the lookup, the status
   * pages, the follower pages and the deeper strata's pages,
   * {@code 1 + min(maxPostPages, ⌈maxPosts/40⌉) + min(maxFollowerPages, ⌈maxFollowers/80⌉) + deepFollowerRequests}.
   */
  public int requestsPerLookup() {
    int postPages = maxPosts == 0 ? 0 : Math.min(maxPostPages, ceil(maxPosts, MastodonSource.STATUS_PAGE));
    int followerPages = maxFollowers == 0 ? 0 : Math.min(maxFollowerPages, ceil(maxFollowers, MastodonSource.FOLLOWER_PAGE));
    return 1 + postPages + followerPages + (maxFollowers == 0 ? 0 : deepFollowerRequests);
  }

  private static int ceil(int n, int d) {
    return (n + d - 1) / d;
  }

  public MastodonOptions withBaseUrlOverride(HttpUrl url) {
    return new MastodonOptions(defaultInstance, Optional.of(url), maxPosts, maxPostPages, maxFollowers,
        maxFollowerPages, deepFollowerRequests, policy);
  }

  public MastodonOptions withDeepFollowerRequests(int requests) {
    return new MastodonOptions(defaultInstance, baseUrlOverride, maxPosts, maxPostPages, maxFollowers,
        maxFollowerPages, requests, policy);
  }

  /** {@code posts} newest statuses and {@code followers} newest followers, with just the pages they need. */
  public MastodonOptions withSample(int posts, int followers) {
    return withBudgets(posts, Math.max(1, ceil(posts, MastodonSource.STATUS_PAGE)), followers,
        Math.max(1, ceil(followers, MastodonSource.FOLLOWER_PAGE)));
  }

  public MastodonOptions withBudgets(int posts, int postPages, int followers, int followerPages) {
    return new MastodonOptions(defaultInstance, baseUrlOverride, posts, postPages, followers, followerPages,
        deepFollowerRequests, policy);
  }

  public MastodonOptions withPolicy(HttpCallPolicy p) {
    return new MastodonOptions(defaultInstance, baseUrlOverride, maxPosts, maxPostPages, maxFollowers,
        maxFollowerPages, deepFollowerRequests, p);
  }
}
