package org.influencebot.core.fake.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.fake.model.Dataset;
import org.influencebot.core.fake.model.FakeModel;
import org.influencebot.core.fake.model.Feature;
import org.influencebot.core.fake.model.ModelTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests on the labeled datasets of {@code <shared.dir>/datasets/}. */
class DatasetEvaluationTest {
  private static Path shared;
  private static Dataset cresci2015;

  @BeforeAll
  static void load() throws IOException {
    shared = Path.of(System.getProperty("shared.dir", "../../shared"));
    Path f = shared.resolve("datasets/twitter-cresci-2015.jsonl");
    org.influencebot.core.SharedData.require(f);
    cresci2015 = Dataset.read(f);
  }

  @Test
  void tenFoldCrossValidationOnCresci2015ReachesThePublishedLevel() {
    Evaluation.Report r = Evaluation.crossValidate(cresci2015, 10, 42, 0, ModelTrainer.Options.defaults(42));
    assertThat(r.model().n()).isEqualTo(2818);
    assertThat(r.model().mcc()).isGreaterThanOrEqualTo(0.97);
    assertThat(r.model().humanFlagRate()).isLessThanOrEqualTo(0.025);
    // Calibration: out-of-fold probabilities are close to the observed rates.
    assertThat(r.model().brier()).isLessThan(0.02);
    // Baselines computed on the same accounts.
    assertThat(r.rules()).hasSize(PublishedRule.values().length);
    assertThat(r.rules().get(4).detector()).contains("followers >= 30");
    assertThat(r.rules().get(4).metrics().mcc()).isBetween(0.6, 0.9);
  }

  @Test
  void crossValidationIsReproducibleWithASeed() {
    int[] pick = new int[600];
    for (int i = 0; i < pick.length; i++) {
      pick[i] = i * 4 + 1;
    }
    Dataset small = cresci2015.subset(pick, "small");
    ModelTrainer.Options o = ModelTrainer.Options.defaults(5);
    Evaluation.Report a = Evaluation.crossValidate(small, 3, 5, 0, o);
    Evaluation.Report b = Evaluation.crossValidate(small, 3, 5, 0, o);
    assertThat(a.toJson()).isEqualTo(b.toJson());
    Evaluation.Report other = Evaluation.crossValidate(small, 3, 6, 0, ModelTrainer.Options.defaults(6));
    assertThat(other.toJson()).isNotEqualTo(a.toJson());
  }

  @Test
  void hidingLikesListedAndAgeDegradesWithoutCollapse() {
    int drop = Feature.Fields.parse("likes,listed,created_at");
    Evaluation.Report r = Evaluation.evaluate(FakeModel.loadDefault(), cresci2015.drop(drop), "dropped");
    assertThat(r.notEnoughEvidence()).isZero();
    assertThat(r.model().mcc()).isGreaterThan(0.5);
    assertThat(r.model().humanFlagRate()).isLessThanOrEqualTo(0.02);
  }

  @Test
  void retrainingReproducesTheShippedFileByteForByte() throws IOException {
    FakeModel shipped = FakeModel.loadDefault();
    long seed = shipped.provenance().path("seed").asLong();
    String created = shipped.provenance().path("created").asText();
    FakeModel again = ShippedModel.build(ShippedModel.defaultFiles(shared), seed, created);
    String resource;
    try (InputStream in = FakeModel.class.getResourceAsStream(FakeModel.RESOURCE)) {
      resource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(again.toJson()).isEqualTo(resource);
  }

  @Test
  void badLinesAreReportedWithLineNumberAndField(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("mixed.jsonl");
    Files.writeString(f, String.join("\n",
        "{\"handle\":\"a\",\"followers\":10,\"following\":5,\"posts\":3,\"label\":\"fake\"}",
        "{\"handle\":\"b\",\"followers\":-4,\"label\":\"human\"}",
        "",
        "not json",
        "{\"handle\":\"c\",\"followers\":100,\"following\":50,\"posts\":300,\"label\":\"robot\"}",
        "{\"handle\":\"d\",\"followers\":100,\"following\":50,\"posts\":300,\"label\":\"human\"}"));
    List<Dataset.LineError> errors = new ArrayList<>();
    Dataset d = Dataset.read(f, errors::add);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.labels()).containsExactly(1, 0);
    assertThat(errors).extracting(Dataset.LineError::line).containsExactly(2, 4, 5);
    assertThat(errors.get(0).toString()).contains("line 2").contains("followers");
    assertThat(errors.get(2).message()).contains("label");
  }
}
