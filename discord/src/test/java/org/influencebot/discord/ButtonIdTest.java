package org.influencebot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.junit.jupiter.api.Test;

class ButtonIdTest {
  @Test
  void aButtonIdReadsBackAsTheSameActionFocusAndHandle() {
    for (Handle h : new Handle[] {Handle.of("sample", "mid_creator"), Handle.of("bluesky", "alice.bsky.social"),
        Handle.of("mastodon", "alice@mastodon.social"), Handle.of("bluesky", "did:plc:abc123"),
        Handle.of("twitter", "alice")}) {
      for (ButtonId.Action a : ButtonId.Action.values()) {
        for (Reply.Focus f : Reply.Focus.values()) {
          ButtonId id = new ButtonId(a, f, h);
          String encoded = id.encode().orElseThrow();
          assertThat(encoded).hasSizeLessThanOrEqualTo(100);
          assertThat(ButtonId.decode(encoded)).contains(id);
        }
      }
    }
  }

  @Test
  void aHandleTooLongForDiscordsHundredCharactersGetsNoButton() {
    assertThat(new ButtonId(ButtonId.Action.REFRESH, Reply.Focus.INFLUENCE, Handle.of("bluesky", "a".repeat(95) + ".bsky.social"))
        .encode()).isEmpty();
  }

  @Test
  void forgedOrForeignIdsAreRefused() {
    assertThat(ButtonId.decode("ib:xx:sample:alice")).isEmpty();
    assertThat(ButtonId.decode("ib:di:<@&123>")).isEmpty();
    assertThat(ButtonId.decode("ib:di:has space")).isEmpty();
    assertThat(ButtonId.decode("other:button")).isEmpty();
    assertThat(ButtonId.decode("ib:di:")).isEmpty();
    assertThat(ButtonId.decode(null)).isEmpty();
  }
}
