package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentHandlesTest {
  @Test
  void offersTheNewestMatchesFirstAtMostTwentyFive() {
    RecentHandles recent = new RecentHandles(100);
    for (int i = 0; i < 40; i++) {
      recent.add("s", "@user" + i);
    }
    recent.add("s", "@other");
    assertThat(recent.matching("s", "user")).hasSize(25).first().isEqualTo("@user39");
    assertThat(recent.matching("s", "@OTH")).containsExactly("@other");
    assertThat(recent.matching("s", "")).hasSize(25).first().isEqualTo("@other");
  }

  @Test
  void forgetsTheOldestBeyondItsCapacityAndKeepsOneEntryPerHandle() {
    RecentHandles recent = new RecentHandles(3);
    recent.add("s", "@a");
    recent.add("s", "@b");
    recent.add("s", "@c");
    recent.add("s", "@A");
    recent.add("s", "@d");
    assertThat(recent.matching("s", "")).containsExactly("@d", "@A", "@c");
  }

  @Test
  void aHandleLookedUpInOneScopeIsNeverOfferedInAnother() {
    RecentHandles recent = new RecentHandles(10);
    recent.add("discord:1", "@secret");
    assertThat(recent.matching("discord:2", "")).isEmpty();
    assertThat(recent.matching("discord:1", "sec")).containsExactly("@secret");
  }
}
