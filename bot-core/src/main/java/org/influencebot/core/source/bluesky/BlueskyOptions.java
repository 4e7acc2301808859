package org.influencebot.core.source.bluesky;

import java.util.Objects;
import okhttp3.HttpUrl;
import org.influencebot.core.source.DeepFollowers;
import org.influencebot.core.source.http.HttpCallPolicy;

/**
 * The Bluesky source's settings. Budgets bound the requests of one summary whatever the account's size
 * ({@link #requestsPerLookup()}).
 *
 * @param baseUrl the XRPC base, {@code https://public.api.bsky.app/xrpc/} (no login needed)
 * @param maxPosts newest posts read from the author feed (0 = none)
 * @param maxPostPages author-feed pages at most (100 posts a page)
 * @param maxFollowers followers sampled, newest first (0 = no sample)
 * @param maxFollowerPages follower-list pages at most (100 a page); also stops endless cursors
 * @param deepFollowerRequests requests spent past the newest sample on deeper strata ({@link DeepFollowers}; 0 = none)
 * @param policy retries, body cap and circuit breaker
 */
public record BlueskyOptions(HttpUrl baseUrl, int maxPosts, int maxPostPages, int maxFollowers, int maxFollowerPages,
    int deepFollowerRequests, HttpCallPolicy policy) {
  public static final HttpUrl PUBLIC_APPVIEW = HttpUrl.get("https://public.api.bsky.app/xrpc/");

  public BlueskyOptions {
    Objects.requireNonNull(baseUrl);
    Objects.requireNonNull(policy);
    if (maxPosts < 0 || maxPostPages < 0 || maxFollowers < 0 || maxFollowerPages < 0 || deepFollowerRequests < 0) {
      throw new IllegalArgumentException("Bluesky budgets must not be negative");
    }
  }

  /** The public AppView, 30 posts (1 request), 100 followers (1 + 4 requests), no deeper strata. */
  public static BlueskyOptions defaults() {
    return new BlueskyOptions(PUBLIC_APPVIEW, 30, 1, 100, 2, 0, HttpCallPolicy.defaults());
  }

  /**
   * The most requests one summary sends, retries aside: the profile, the feed pages, the follower pages
   * and one {@code getProfiles} per 25 sampled followers, and the deeper strata's requests,
   * {@code 1 + min(maxPostPages, ⌈maxPosts/100⌉) + min(maxFollowerPages, ⌈maxFollowers/100⌉) + ⌈min(maxFollowers, 100·maxFollowerPages)/25⌉ + deepFollowerRequests}.
   */
  public int requestsPerLookup() {
    int postPages = maxPosts == 0 ? 0 : Math.min(maxPostPages, ceil(maxPosts, BlueskySource.PAGE));
    int followerPages = maxFollowers == 0 ? 0 : Math.min(maxFollowerPages, ceil(maxFollowers, BlueskySource.PAGE));
    int sampled = Math.min(maxFollowers, followerPages * BlueskySource.PAGE);
    return 1 + postPages + followerPages + ceil(sampled, BlueskySource.PROFILES_BATCH)
        + (maxFollowers == 0 ? 0 : deepFollowerRequests);
  }

  private static int ceil(int n, int d) {
    return (n + d - 1) / d;
  }

  public BlueskyOptions withBaseUrl(HttpUrl url) {
    return new BlueskyOptions(url, maxPosts, maxPostPages, maxFollowers, maxFollowerPages, deepFollowerRequests, policy);
  }

  public BlueskyOptions withDeepFollowerRequests(int requests) {
    return new BlueskyOptions(baseUrl, maxPosts, maxPostPages, maxFollowers, maxFollowerPages, requests, policy);
  }

  /** {@code posts} newest posts and {@code followers} newest followers, with just the pages they need. */
  public BlueskyOptions withSample(int posts, int followers) {
    return withBudgets(posts, Math.max(1, ceil(posts, BlueskySource.PAGE)), followers,
        Math.max(1, ceil(followers, BlueskySource.PAGE)));
  }

  public BlueskyOptions withBudgets(int posts, int postPages, int followers, int followerPages) {
    return new BlueskyOptions(baseUrl, posts, postPages, followers, followerPages, deepFollowerRequests, policy);
  }

  public BlueskyOptions withPolicy(HttpCallPolicy p) {
    return new BlueskyOptions(baseUrl, maxPosts, maxPostPages, maxFollowers, maxFollowerPages, deepFollowerRequests, p);
  }
}
