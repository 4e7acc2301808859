package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.junit.jupiter.api.Test;

class ButtonDataTest {
  private final ButtonData data = new ButtonData();

  @Test
  void aHandleAndFocusSurviveTheRoundTrip() {
    Handle h = Handle.of("mastodon", "alice@mastodon.social");
    String encoded = data.encode(ButtonData.Action.REFRESH, Reply.Focus.AUTHENTICITY, h);
    assertThat(encoded).isEqualTo("ra|mastodon|alice@mastodon.social");
    assertThat(data.decode(encoded)).contains(new ButtonData.Press(ButtonData.Action.REFRESH, Reply.Focus.AUTHENTICITY, h));
    Handle bare = Handle.unqualified("bob");
    assertThat(data.decode(data.encode(ButtonData.Action.DETAILS, Reply.Focus.INFLUENCE, bare)))
        .contains(new ButtonData.Press(ButtonData.Action.DETAILS, Reply.Focus.INFLUENCE, bare));
  }

  @Test
  void aLongHandleIsKeptHereAndTheButtonCarriesAShortKeyUnder64Bytes() {
    Handle h = Handle.of("bluesky", "très-long-nom-" + "é".repeat(40) + ".bsky.social");
    String encoded = data.encode(ButtonData.Action.DETAILS, Reply.Focus.INFLUENCE, h);
    assertThat(encoded.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(data.decode(encoded)).contains(new ButtonData.Press(ButtonData.Action.DETAILS, Reply.Focus.INFLUENCE, h));
    assertThat(new ButtonData().decode(encoded)).as("another instance does not know the key").isEmpty();
  }

  @Test
  void dataThisBotDidNotMakeIsRefused() {
    assertThat(data.decode(null)).isEmpty();
    assertThat(data.decode("xx|garbage")).isEmpty();
    assertThat(data.decode("ri|sample|")).isEmpty();
    assertThat(data.decode("ri")).isEmpty();
  }
}
