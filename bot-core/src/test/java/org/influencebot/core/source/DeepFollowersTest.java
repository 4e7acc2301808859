package org.influencebot.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.FollowerStratum;
import org.influencebot.core.text.Text;
import org.junit.jupiter.api.Test;

class DeepFollowersTest {
  @Test
  void aPlanNeverSpendsMoreThanItsRequests() {
    for (int per = 0; per <= 1; per++) {
      for (int requests = 0; requests <= 40; requests++) {
        DeepFollowers.Plan plan = DeepFollowers.plan(requests, per);
        for (int walked = 0; walked <= plan.pages(); walked++) {
          int strata = plan.stratumPages(walked).size();
          assertThat(walked + strata * per).as("%d requests, %d per stratum, %d walked", requests, per, walked)
              .isLessThanOrEqualTo(requests);
          assertThat(strata).isLessThanOrEqualTo(Math.min(walked, DeepFollowers.STRATA));
        }
      }
    }
  }

  @Test
  void blueskyNeedsTwoRequestsForAStratumAndFourForTwo() {
    assertThat(DeepFollowers.plan(1, 1)).isEqualTo(new DeepFollowers.Plan(0, 0));
    assertThat(DeepFollowers.plan(3, 1)).isEqualTo(new DeepFollowers.Plan(2, 1));
    assertThat(DeepFollowers.plan(3, 1).stratumPages(2)).containsExactly(2);
    assertThat(DeepFollowers.plan(8, 1)).isEqualTo(new DeepFollowers.Plan(6, 2));
    assertThat(DeepFollowers.plan(8, 1).stratumPages(6)).containsExactly(3, 6);
    assertThat(DeepFollowers.plan(8, 1).stratumPages(3)).as("the list ended early").containsExactly(2, 3);
    assertThat(DeepFollowers.plan(1, 0)).isEqualTo(new DeepFollowers.Plan(1, 1));
    assertThat(DeepFollowers.plan(8, 0).stratumPages(8)).containsExactly(4, 8);
  }

  /** Pages of {@code size} followers named by their position; the page after {@code failAfter} pages fails. */
  private static final class NumberedPages implements DeepFollowers.Pages<Integer> {
    private final int size;
    private final int failAfter;
    final List<Integer> asked = new ArrayList<>();
    private int position;

    NumberedPages(int size, int failAfter) {
      this.size = size;
      this.failAfter = failAfter;
    }

    @Override
    public boolean more() {
      return true;
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public List<Integer> next(int limit) {
      asked.add(limit);
      if (asked.size() > failAfter) {
        throw new SourceException("test", SourceException.Kind.RATE_LIMITED, Text.of("error.internal"), "429", null);
      }
      List<Integer> page = new ArrayList<>();
      for (int i = 0; i < Math.min(limit, size); i++) {
        page.add(position++);
      }
      return page;
    }
  }

  @Test
  void theNewestSampleFillsUpInPagesOfAtMostThePageSize() {
    NumberedPages pages = new NumberedPages(100, 99);
    assertThat(DeepFollowers.newest(pages, 250, 10, 100)).hasSize(250).startsWith(0, 1).endsWith(249);
    assertThat(pages.asked).containsExactly(100, 100, 50);
    assertThat(DeepFollowers.newest(new NumberedPages(100, 99), 250, 2, 100)).as("at most 2 pages").hasSize(200);
  }

  @Test
  void aFailedDeeperPageKeepsWhatWasReadAsSources() {
    // Six pages planned (Bluesky, 8 requests); the fourth fails: the middle and deepest of the three read.
    NumberedPages pages = new NumberedPages(100, 3);
    List<Long> converted = new ArrayList<>();
    List<FollowerStratum> strata = DeepFollowers.strata(pages, DeepFollowers.plan(8, 1), 100, run -> {
      converted.add((long) run.get(0));
      return List.<Account>of();
    }, "test");
    assertThat(strata).extracting(FollowerStratum::offset).containsExactly(100L, 200L);
    assertThat(converted).containsExactly(100L, 200L);

    // A stratum whose counts cannot be read ends the strata; those before it stay.
    List<FollowerStratum> some = DeepFollowers.strata(new NumberedPages(100, 99), DeepFollowers.plan(8, 1), 100, run -> {
      if (run.get(0) >= 500) {
        throw new SourceException("test", SourceException.Kind.TIMEOUT, Text.of("error.internal"), "deadline", null);
      }
      return List.<Account>of();
    }, "test");
    assertThat(some).extracting(FollowerStratum::offset).containsExactly(200L);
  }
}
