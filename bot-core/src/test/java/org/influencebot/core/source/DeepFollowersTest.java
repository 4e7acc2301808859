package org.influencebot.core.source;

import static org.assertj.core.api.Assertions.assertThat;

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
}
