package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it: arguments in, text and an exit code out. */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path data;

  /** Every run keeps its state in a temporary data folder, through a configuration file as a user would. */
  private int run(String... args) {
    try {
      Path config = data.resolve("test.yml");
      if (!Files.exists(config)) {
        Files.writeString(config, "data_dir: " + data.resolve("state") + "\n");
      }
      java.util.List<String> all = new java.util.ArrayList<>();
      if (!java.util.Arrays.asList(args).contains("--config")) {
        all.add("--config");
        all.add(config.toString());
      }
      all.addAll(java.util.Arrays.asList(args));
      return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int console(String input, String... args) {
    java.io.InputStream stdin = System.in;
    System.setIn(new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      return run(args);
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aSettingChangedInTheConsoleIsKeptAfterARestart() {
    assertThat(console("/settings language fr\n/quit\n")).isZero();
    assertThat(out.toString()).contains("Done: language is now fr.");
    out.getBuffer().setLength(0);
    assertThat(console("/influence @small_person\n")).isZero();
    assertThat(out.toString()).contains("semble authentique").contains("Abonnés");
  }

  @Test
  void theConsoleAnswersCommandsAndMistakesPolitely() {
    assertThat(console("/compare @megastar @small_person\n/influence\n/frobnicate\n@bought_5k\n")).isZero();
    assertThat(out.toString()).contains("@megastar is more influential than @small_person")
        .contains("Whose influence?").contains("There is no command /frobnicate").contains("likely inflated");
  }

  @Test
  void theConsolesLinkCommandsShowMakeAndRemoveTheLinkAsInEveryChat() {
    assertThat(console("/link\n/link @mid_creator\n/link\n/unlink\n/link\n/debug\n")).isZero();
    assertThat(out.toString()).containsSubsequence("You have no linked handle.", "Linked: you are now @mid_creator here.",
        "You are linked to @mid_creator.", "Your link is removed.", "You have no linked handle.", "configuration:");
  }

  @Test
  void scorePrintsASummaryOfASampleAccount() {
    assertThat(run("score", "@bought_5k")).isZero();
    assertThat(out.toString()).contains("@bought_5k").contains("Influence").contains("likely inflated")
        .contains("look fake");
  }

  @Test
  void scoreJsonIsTheNeutralReply() throws Exception {
    assertThat(run("score", "@mid_creator", "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("type").asText()).isEqualTo("summary");
    assertThat(json.at("/summary/influence/score").asInt()).isBetween(50, 60);
    assertThat(json.at("/summary/authenticity/verdict").asText()).isEqualTo("authentic");
    assertThat(json.at("/summary/influence/components")).hasSize(5);
  }

  @Test
  void frenchOnRequest() {
    assertThat(run("--lang", "fr", "score", "@mid_creator")).isZero();
    assertThat(out.toString()).contains("semble authentique").contains("Abonnés");
  }

  @Test
  void unknownAndInvalidHandlesGetASentenceAndANonZeroExit() {
    assertThat(run("score", "@nobody_here")).isEqualTo(3);
    assertThat(err.toString()).contains("could not find @nobody_here");
    assertThat(run("score", "<script>")).isEqualTo(1);
    assertThat(err.toString()).contains("cannot contain markup").doesNotContain("Exception");
  }

  @Test
  void aBadConfigFileNamesTheKeyAndExitsNonZero() throws Exception {
    Path f = data.resolve("bad.yml");
    Files.writeString(f, "cache:\n  expire_after: forever\n");
    assertThat(run("--config", f.toString(), "score", "@mid_creator")).isEqualTo(2);
    assertThat(err.toString()).contains("cache.expire_after").contains("6h");
    assertThat(run("--config", f.toString(), "check-config")).isEqualTo(2);
  }

  @Test
  void checkConfigSaysWhatWouldRun() {
    assertThat(run("check-config")).isZero();
    assertThat(out.toString()).contains("Would run: the console").contains("source.default = sample");
  }

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void scoreWritesTheChartToAFile() throws Exception {
    Path png = data.resolve("mid.png");
    assertThat(run("score", "@mid_creator", "--chart", png.toString())).isZero();
    assertThat(out.toString()).contains("@mid_creator");
    assertThat(err.toString()).contains("Chart written to " + png);
    assertThat(java.util.Arrays.copyOf(Files.readAllBytes(png), 8)).isEqualTo(PNG_SIGNATURE);
  }

  @Test
  void scoreSaysWhyNoChartWasWritten() {
    assertThat(run("score", "@mid_creator", "--chart", data.resolve("no-such-folder/mid.png").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("Could not write").contains("no-such-folder");
    assertThat(run("score", "@mid_creator", "--chart", data.resolve("mid.jpg").toString())).isEqualTo(1);
    assertThat(err.toString()).contains("give a file name ending in .png");
  }

  @Test
  void theConsoleWritesTheChartOfTheLastSummaryOrComparison() throws Exception {
    Path one = data.resolve("one.png");
    Path both = data.resolve("both.png");
    assertThat(console("/chart " + one + "\n/influence @bought_5k\n/chart " + one
        + "\n/compare @megastar @small_person\n/chart " + both + "\n")).isZero();
    assertThat(out.toString()).contains("There is no chart to write yet").contains("Chart written to " + one)
        .contains("Chart written to " + both);
    assertThat(java.util.Arrays.copyOf(Files.readAllBytes(one), 8)).isEqualTo(PNG_SIGNATURE);
    assertThat(Files.readAllBytes(both)).isNotEqualTo(Files.readAllBytes(one));
  }
}
