package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.reply.Reply;
import org.junit.jupiter.api.Test;

class ButtonTest {
  private final Button.Codec codec = new Button.Codec();

  @Test
  void aButtonReadsBackAsItWasWritten() {
    Button b = new Button(Button.Action.REFRESH, Reply.Focus.AUTHENTICITY, Handle.of("bluesky", "alice.bsky.social"));
    String data = codec.encode(b, 64);
    assertThat(data).isEqualTo("ib:ra:bluesky:alice.bsky.social");
    assertThat(codec.decode(data)).contains(b);
  }

  @Test
  void forgedDataIsParsedAgainAsAHandleAndRefusedWhenItIsNone() {
    assertThat(codec.decode("ib:di:bluesky:<script>")).isEmpty();
    assertThat(codec.decode("ib:di:@alice\u200B")).isEmpty();
    assertThat(codec.decode("ib:xi:@alice")).isEmpty();
    assertThat(codec.decode("di|bluesky|alice")).isEmpty();
    assertThat(codec.decode(null)).isEmpty();
    // What a user could type is what a button may name: "@alice" on no network, as typed.
    assertThat(codec.decode("ib:di:@alice")).contains(
        new Button(Button.Action.DETAILS, Reply.Focus.INFLUENCE, Handle.unqualified("alice")));
  }

  @Test
  void aHandleTooLongForThePlatformIsKeptAndTheButtonCarriesAKey() {
    Handle longOne = Handle.of("mastodon", "a_rather_long_name_for_a_person@a.very.long.instance.example.org");
    Button b = new Button(Button.Action.DETAILS, Reply.Focus.INFLUENCE, longOne);
    String data = codec.encode(b, 64);
    assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(codec.decode(data)).contains(b);
    assertThat(new Button.Codec().decode(data)).as("another process forgot it").isEmpty();
    assertThat(codec.encode(b, 100)).isEqualTo("ib:di:" + longOne);
  }

  @Test
  void aKeyFromBeforeARestartNamesNoOtherHandleAfterIt() {
    Handle first = Handle.of("mastodon", "a_rather_long_name_for_a_person@a.very.long.instance.example.org");
    String before = codec.encode(new Button(Button.Action.DETAILS, Reply.Focus.INFLUENCE, first), 64);
    Button.Codec restarted = new Button.Codec();
    Handle other = Handle.of("mastodon", "somebody_else_entirely_with_a_long_name@another.long.instance.example.net");
    String after = restarted.encode(new Button(Button.Action.DETAILS, Reply.Focus.INFLUENCE, other), 64);
    assertThat(after).isNotEqualTo(before);
    assertThat(restarted.decode(before)).as("the old button has expired, it names no new handle").isEmpty();
    assertThat(before.substring(before.indexOf('#') + 1)).as("96 random bits").hasSize(16);
  }
}
