package org.influencebot.core.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextCommandParserTest {
  private final TextCommandParser parser = new TextCommandParser(Optional.of("InfluenceBot"));

  @Test
  void readsEveryCommand() throws CommandParseException {
    assertThat(parser.parse("/influence @alice")).contains(new Command.Influence("@alice", false));
    assertThat(parser.parse("/influence@InfluenceBot @alice details")).contains(new Command.Influence("@alice", true));
    assertThat(parser.parse("/authenticity bsky:a.bsky.social")).contains(new Command.Authenticity("bsky:a.bsky.social", false));
    assertThat(parser.parse("/compare @a @b")).contains(new Command.Compare("@a", "@b"));
    assertThat(parser.parse("/start")).contains(new Command.Help());
  }

  @Test
  void ignoresCommandsForOtherBots() throws CommandParseException {
    assertThat(parser.parse("/influence@OtherBot @alice")).isEmpty();
  }

  @Test
  void explainsMistakes() {
    assertThatThrownBy(() -> parser.parse("/influence")).isInstanceOfSatisfying(CommandParseException.class,
        e -> assertThat(e.reason().key()).isEqualTo("command.error.missingHandle"));
    assertThatThrownBy(() -> parser.parse("/compare @a")).isInstanceOfSatisfying(CommandParseException.class,
        e -> assertThat(e.reason().key()).isEqualTo("command.error.compareArgs"));
    assertThatThrownBy(() -> parser.parse("/frobnicate")).isInstanceOfSatisfying(CommandParseException.class,
        e -> assertThat(e.reason().key()).isEqualTo("command.error.unknown"));
  }
}
