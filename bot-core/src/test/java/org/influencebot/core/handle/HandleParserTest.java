package org.influencebot.core.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandleParserTest {
  @ParameterizedTest(name = "{0} → {1}:{2}")
  @CsvSource({
      "@alice, , alice",
      "alice, , alice",
      "bsky:alice.bsky.social, bluesky, alice.bsky.social",
      "bsky:alice, bluesky, alice.bsky.social",
      "https://bsky.app/profile/alice.bsky.social, bluesky, alice.bsky.social",
      "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur, bluesky, did:plc:z72i7hdynmk6r22z27h6tvur",
      "did:plc:z72i7hdynmk6r22z27h6tvur, bluesky, did:plc:z72i7hdynmk6r22z27h6tvur",
      "alice.bsky.social, bluesky, alice.bsky.social",
      "@alice@mastodon.social, mastodon, alice@mastodon.social",
      "alice@Mastodon.Social, mastodon, alice@mastodon.social",
      "https://mastodon.social/@alice, mastodon, alice@mastodon.social",
      "twitter:alice, twitter, alice",
      "x.com/alice, twitter, alice",
      "https://twitter.com/alice_2, twitter, alice_2",
      "https://www.instagram.com/alice.photos/, instagram, alice.photos",
  })
  void readsEverySupportedForm(String input, String network, String name) throws InvalidHandleException {
    Handle h = HandleParser.parse(input);
    assertThat(h.network()).isEqualTo(Optional.ofNullable(network));
    assertThat(h.name()).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|handle.error.empty",
      "'   '|handle.error.empty",
      "alice bob|handle.error.space",
      "<b>alice</b>|handle.error.markup",
      "alice*|handle.error.markup",
      "[alice](http://evil)|handle.error.markup",
      "twitter:this_is_far_too_long_for_twitter|handle.error.twitter",
      "foo:alice|handle.error.network",
      "https://example.org/nothing|handle.error.url",
      "https://bsky.app/notaprofile|handle.error.url",
      "@alice@|handle.error.mastodon",
      "#hashtag|handle.error.invalid",
  })
  void rejectsBadInputWithAReason(String input, String key) {
    assertThatThrownBy(() -> HandleParser.parse(input))
        .isInstanceOfSatisfying(InvalidHandleException.class, e -> assertThat(e.reason().key()).isEqualTo(key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ali\u0000ce", "ali\u202Ece", "ali\u200Bce", "ali\nce"})
  void rejectsControlAndInvisibleCharacters(String input) {
    assertThatThrownBy(() -> HandleParser.parse(input.strip().isEmpty() ? "x\u0007" : input))
        .isInstanceOf(InvalidHandleException.class);
  }

  @org.junit.jupiter.api.Test
  void rejectsTooLongInputWithoutEchoingIt() {
    String input = "a".repeat(5000);
    assertThatThrownBy(() -> HandleParser.parse(input)).isInstanceOfSatisfying(InvalidHandleException.class, e -> {
      assertThat(e.reason().key()).isEqualTo("handle.error.tooLong");
      assertThat(e.reason().args().get(0).toString()).hasSizeLessThan(50);
    });
  }

  @org.junit.jupiter.api.Test
  void aHandleCannotChangeTheHostOfAProfileLink() throws InvalidHandleException {
    Handle h = HandleParser.parse("https://mastodon.social/@alice@evil.example");
    assertThat(h.name()).isEqualTo("alice@evil.example");
    assertThatThrownBy(() -> HandleParser.parse("@../../admin")).isInstanceOf(InvalidHandleException.class);
  }

  /** Percent-encoded separators and dot segments in a profile link are refused, never decoded into another profile. */
  @ParameterizedTest
  @ValueSource(strings = {"bsky.app/profile/evil%2F..%2Fx", "https://bsky.app/profile/evil%2F..%2Fx", "t.me/a%2Fb",
      "https://x.com/%61lice", "https://bsky.app/profile/../alice.bsky.social", "https://mastodon.social/./@alice",
      "https://mastodon.social/@alice%40evil.example", "https://www.instagram.com/alice/../bob"})
  void encodedOrTraversingProfileLinksAreRefusedWithASentence(String input) {
    assertThatThrownBy(() -> HandleParser.parse(input)).isInstanceOfSatisfying(InvalidHandleException.class, e -> {
      assertThat(e.reason().key()).isEqualTo("handle.error.encodedLink");
      assertThat(org.influencebot.core.text.Messages.english().format(e.reason()))
          .contains("hides characters in its path").contains("Copy the link from the address bar");
    });
  }

  /** Found by fuzzing: a space before a control character made the "no spaces" error echo the control character. */
  @org.junit.jupiter.api.Test
  void spaceErrorNeverEchoesAControlCharacterAfterTheSpace() {
    assertThatThrownBy(() -> HandleParser.parse("ht p/\u007f\u007f\u202e/")).isInstanceOfSatisfying(InvalidHandleException.class,
        e -> {
          assertThat(e.reason().key()).isEqualTo("handle.error.control");
          org.influencebot.core.HostileInput.assertNoInvisibleCharacters(
              org.influencebot.core.text.Messages.english().format(e.reason()));
        });
  }

  /** Found by fuzzing: clipping the echoed input at 40 characters could cut an emoji in half. */
  @org.junit.jupiter.api.Test
  void echoedInputIsNeverClippedInsideAnEmoji() {
    String input = "a" + "\uD83D\uDE00".repeat(30);
    assertThatThrownBy(() -> HandleParser.parse(input)).isInstanceOfSatisfying(InvalidHandleException.class, e -> {
      String echoed = e.reason().args().get(0).toString();
      assertThat(echoed).endsWith("\u2026").hasSizeLessThan(45);
      org.influencebot.core.HostileInput.assertNoInvisibleCharacters(echoed);
    });
  }

  /** Found by fuzzing: invisible tag characters (U+E0001–U+E007F) outside the BMP slipped past the per-char check. */
  @org.junit.jupiter.api.Test
  void invisibleCharactersOutsideTheBmpAreControlCharactersToo() {
    assertThatThrownBy(() -> HandleParser.parse("a\uDB40\uDC20")).isInstanceOfSatisfying(InvalidHandleException.class,
        e -> assertThat(e.reason().key()).isEqualTo("handle.error.control"));
  }

  /** Found by fuzzing: bsky:_ became "_.bsky.social", not a domain, which did not parse again. */
  @org.junit.jupiter.api.Test
  void aShortBlueskyNameMustMakeAValidDomain() {
    assertThatThrownBy(() -> HandleParser.parse("bsky:_")).isInstanceOfSatisfying(InvalidHandleException.class,
        e -> assertThat(e.reason().key()).isEqualTo("handle.error.bluesky"));
  }
}
