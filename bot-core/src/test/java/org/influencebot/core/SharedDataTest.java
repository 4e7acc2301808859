package org.influencebot.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class SharedDataTest {
  private static final Path MISSING = Path.of("no-such-folder/datasets/twitter-cresci-2015.jsonl");

  @Test
  void missingDataSkipsOnADevelopersMachineAndFailsInCi() {
    assertThatThrownBy(() -> SharedData.require(MISSING, Map.of())).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(() -> SharedData.require(MISSING, Map.of("CI", "true"))).isInstanceOf(AssertionError.class)
        .hasMessageContaining("CI=true");
    assertThatCode(() -> SharedData.require(Path.of("."), Map.of("CI", "true"))).doesNotThrowAnyException();
  }
}
