package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.influencebot.core.HostileInput;
import org.influencebot.core.text.Messages;

/**
 * Any line given to {@link TextCommandParser#parse} gives a command, nothing (another bot's), or a
 * {@link CommandParseException} whose sentence is bounded and shows no invisible character.
 */
class TextCommandParserFuzzTest {
  private final TextCommandParser parser = new TextCommandParser(Optional.of("InfluenceBot"));
  private final TextCommandParser console = new TextCommandParser(Optional.empty());

  @FuzzTest(maxDuration = "30s")
  void parse(byte[] bytes) {
    String line = new String(bytes, StandardCharsets.UTF_8);
    check(parser, line);
    check(console, line);
  }

  private static void check(TextCommandParser parser, String line) {
    Optional<Command> command;
    try {
      command = parser.parse(line);
    } catch (CommandParseException e) {
      for (Messages m : HostileInput.LANGUAGES) {
        String sentence = m.format(e.reason());
        assertThat(sentence).hasSizeLessThan(600);
        HostileInput.assertNoInvisibleCharacters(sentence);
      }
      return;
    }
    command.ifPresent(c -> {
      // Handles are passed on as typed, each one word of the line split on ASCII whitespace: the handle
      // parser judges them (and rejects other spaces and control characters, such as U+001F).
      if (c instanceof Command.Influence i) {
        assertThat(i.handle()).isNotEmpty().doesNotContainPattern("\\s");
        assertThat(line).contains(i.handle());
      } else if (c instanceof Command.Authenticity a) {
        assertThat(a.handle()).isNotEmpty().doesNotContainPattern("\\s");
        assertThat(line).contains(a.handle());
      } else if (c instanceof Command.Compare cmp) {
        assertThat(line).contains(cmp.first()).contains(cmp.second());
      }
    });
  }
}
