package org.influencebot.core.handle;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.influencebot.core.HostileInput;
import org.influencebot.core.text.Messages;

/**
 * Any string given to {@link HandleParser#parse} gives a handle made only of visible ASCII-safe
 * characters, or an {@link InvalidHandleException} whose sentence is bounded: nothing else.
 * Runs its seed corpus in every build; {@code JAZZER_FUZZ=1} fuzzes it (docs/hostile-input.md).
 */
class HandleParserFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse(String input) {
    Handle handle;
    try {
      handle = HandleParser.parse(input);
    } catch (InvalidHandleException e) {
      for (Messages m : HostileInput.LANGUAGES) {
        String sentence = m.format(e.reason());
        assertThat(sentence.length()).as("error sentence length").isLessThan(1_000);
        HostileInput.assertNoInvisibleCharacters(sentence);
      }
      return;
    }
    assertThat(handle.name()).isNotEmpty();
    assertThat(handle.name().length()).isLessThanOrEqualTo(HandleParser.MAX_LENGTH);
    // A parsed handle is looked up and shown in replies: only letters, digits and . _ - : % @ survive.
    assertThat(handle.name()).matches("[A-Za-z0-9._:%@-]+");
    assertThat(handle.display()).matches("@?[A-Za-z0-9._:%@-]+");
    // Parsing is idempotent on what it shows.
    try {
      Handle again = HandleParser.parse(handle.toString());
      assertThat(again.key()).isEqualTo(handle.key());
    } catch (InvalidHandleException e) {
      throw new AssertionError("a parsed handle does not parse again: " + handle, e);
    }
  }
}
