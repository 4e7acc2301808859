package org.influencebot.core.source;

import java.util.List;

/**
 * Deeper strata of a newest-first follower list, read within a request budget. After the newest sample a
 * source walks on, page by page (one request each, the largest page the API allows), and keeps the
 * followers of two of the pages it walked as {@code follower_strata}: the middle one and the deepest one.
 * An audit then sees followers gained before the newest window instead of assuming they look alike.
 *
 * <p>The walk is best effort: a failed page, a rate limit or the lookup's deadline ends it, and what was
 * read is kept; the summary never fails because of it. It is never started when the newest sample did
 * not fill up (the list ended) or the list was hidden.
 */
public final class DeepFollowers {
  /** Strata kept at most: the middle and the deepest page walked. */
  public static final int STRATA = 2;

  private DeepFollowers() {}

  /**
   * How {@code requests} are spent when each stratum costs {@code perStratum} more requests (Bluesky asks
   * {@code getProfiles} for a stratum's counts; Mastodon pages carry them): as many pages as leave room
   * for two strata, else for one, else none.
   */
  public static Plan plan(int requests, int perStratum) {
    for (int strata = STRATA; strata >= 1; strata--) {
      int pages = requests - strata * perStratum;
      if (pages >= strata) {
        return new Plan(pages, strata);
      }
    }
    return new Plan(0, 0);
  }

  /** Pages to walk past the newest sample, and strata to keep from them. */
  public record Plan(int pages, int strata) {
    /**
     * Of pages 1‥{@code walked} actually read (the list may end sooner), those whose followers become
     * strata (1-based): the deepest, and the middle one when two are kept.
     */
    public List<Integer> stratumPages(int walked) {
      if (walked <= 0 || strata == 0) {
        return List.of();
      }
      int middle = (walked + 1) / 2;
      return strata == 1 || middle == walked ? List.of(walked) : List.of(middle, walked);
    }
  }
}
