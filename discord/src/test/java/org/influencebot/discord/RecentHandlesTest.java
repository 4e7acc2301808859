package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentHandlesTest {
  @Test
  void offersTheNewestMatchesFirstAtMostTwentyFive() {
    RecentHandles recent = new RecentHandles(100);
    for (int i = 0; i < 40; i++) {
      recent.add("@user" + i);
    }
    recent.add("@other");
    assertThat(recent.matching("user")).hasSize(25).first().isEqualTo("@user39");
    assertThat(recent.matching("@OTH")).containsExactly("@other");
    assertThat(recent.matching("")).hasSize(25).first().isEqualTo("@other");
  }

  @Test
  void forgetsTheOldestBeyondItsCapacityAndKeepsOneEntryPerHandle() {
    RecentHandles recent = new RecentHandles(3);
    recent.add("@a");
    recent.add("@b");
    recent.add("@c");
    recent.add("@A");
    recent.add("@d");
    assertThat(recent.matching("")).containsExactly("@d", "@A", "@c");
  }
}
