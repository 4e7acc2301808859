package org.influencebot.core.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerStratum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger LOG = LoggerFactory.getLogger(DeepFollowers.class);
  /** Strata kept at most: the middle and the deepest page walked. */
  public static final int STRATA = 2;

  private DeepFollowers() {}

  /**
   * A newest-first follower list as a source reads it, page by page (Bluesky's cursors, Mastodon's
   * {@code Link} headers): the one thing the sources do differently; the walk is the same.
   *
   * @param <T> a follower as a page brings it
   */
  public interface Pages<T> {
    /** False once the list ended, is hidden, or loops. */
    boolean more();

    /** Followers before the next page, in the newest-first list. */
    long position();

    /** The next page's followers not seen before (empty once there is no more). */
    List<T> next(int limit);
  }

  /** The newest sample: at most {@code max} followers, in pages of at most {@code pageSize}, at most {@code maxPages} pages. */
  public static <T> List<T> newest(Pages<T> pages, int max, int maxPages, int pageSize) {
    List<T> newest = new ArrayList<>();
    for (int page = 0; page < maxPages && newest.size() < max && pages.more(); page++) {
      List<T> got = pages.next(Math.min(pageSize, max - newest.size()));
      newest.addAll(got.subList(0, Math.min(got.size(), max - newest.size())));
    }
    return newest;
  }

  /**
   * Walks on past the newest sample as {@code plan} says, in pages of {@code pageSize}, and keeps the
   * followers of its stratum pages, each page turned into accounts by {@code accounts} (which may ask
   * for their counts). Best effort: a {@link SourceException} ends the walk, or the strata, and what was
   * read is kept.
   */
  public static <T> List<FollowerStratum> strata(Pages<T> pages, Plan plan, int pageSize,
      Function<List<T>, List<Account>> accounts, String source) {
    List<Long> offsets = new ArrayList<>();
    List<List<T>> walked = new ArrayList<>();
    try {
      for (int i = 0; i < plan.pages() && pages.more(); i++) {
        long offset = pages.position();
        List<T> got = pages.next(pageSize);
        if (!got.isEmpty()) {
          offsets.add(offset);
          walked.add(got);
        }
      }
    } catch (SourceException e) {
      LOG.debug("{}: deeper follower pages stopped ({}); {} pages kept", source, e.getMessage(), walked.size());
    }
    List<FollowerStratum> strata = new ArrayList<>();
    try {
      for (int page : plan.stratumPages(walked.size())) {
        strata.add(new FollowerStratum(offsets.get(page - 1), accounts.apply(walked.get(page - 1))));
      }
    } catch (SourceException e) {
      LOG.debug("{}: a deeper stratum could not be read ({}); {} strata kept", source, e.getMessage(), strata.size());
    }
    return strata;
  }

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
