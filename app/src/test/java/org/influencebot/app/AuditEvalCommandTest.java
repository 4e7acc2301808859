package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit-eval} end to end, on slices of the labeled files written to a temporary folder. */
class AuditEvalCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir
  Path dir;

  private Path slices;

  /** The first 120 humans and 120 fakes of each labeled file. */
  @BeforeEach
  void slice() throws IOException {
    Path datasets = Path.of(System.getProperty("shared.dir", "../../shared")).resolve("datasets");
    org.influencebot.core.SharedData.require(datasets);
    slices = Files.createDirectory(dir.resolve("slices"));
    for (String name : List.of("twitter-cresci-2015.jsonl", "twitter-cresci-2017-sample.jsonl")) {
      List<String> kept = new ArrayList<>();
      int humans = 0;
      int fakes = 0;
      for (String line : Files.readAllLines(datasets.resolve(name), StandardCharsets.UTF_8)) {
        boolean fake = line.contains("\"label\": \"fake\"");
        if (fake ? fakes++ < 120 : humans++ < 120) {
          kept.add(line);
        }
      }
      Files.write(slices.resolve(name), kept, StandardCharsets.UTF_8);
    }
  }

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void leaveOneFileOutPrintsATablePerHeldOutFileAndTogether() {
    assertThat(run("audit-eval", "--leave-one-file-out", slices.toString(), "--shares", "0,50", "--sample-size", "40",
        "--audits", "2")).as(err.toString()).isZero();
    String s = out.toString();
    assertThat(s).contains("audits of 40 accounts, 2 per share and file, seed 42")
        .contains("### trained on twitter-cresci-2017-sample.jsonl, audits from twitter-cresci-2015.jsonl")
        .contains("### trained on twitter-cresci-2015.jsonl, audits from twitter-cresci-2017-sample.jsonl")
        .contains("### all test files together")
        .contains("| classify-and-count (old) | 0% | 2 | 0% |")
        .contains("| em (default) | 50% | 4 |")
        .contains("| hdy | 0% |");
  }

  @Test
  void theShippedEstimatorAuditsAGivenFile() {
    assertThat(run("audit-eval", "--input", slices.resolve("twitter-cresci-2015.jsonl").toString(), "--shares", "20",
        "--sample-size", "50", "--audits", "2", "--drop", "likes,listed")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("without likes,listed").contains("shipped fake-model-v1 and quantifier-v1")
        .contains("| em (default) | 20% | 2 |");
  }

  @Test
  void mistakesGetASentence() {
    assertThat(run("audit-eval", "--leave-one-file-out", dir.resolve("nowhere").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no such directory");
    assertThat(run("audit-eval", "--holdout", "0.3", "--shares", "150")).isEqualTo(2);
    assertThat(err.toString()).contains("percentages from 0 to 100");
    assertThat(run("audit-eval", "--input", slices.resolve("twitter-cresci-2015.jsonl").toString(), "--sample-size",
        "200", "--shares", "90")).isEqualTo(2);
    assertThat(err.toString()).contains("too few for audits of 200 at 90% fake");
    assertThat(run("audit-eval", "--holdout", "2")).isEqualTo(2);
    assertThat(err.toString()).contains("a fraction between 0 and 1");
  }
}
