package org.influencebot.core.fake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir
  Path dir;

  @Test
  void anAccountWithoutObservationTimeHasNoAgeInALabeledFile() throws Exception {
    // Scored at the epoch (training) or now (years after the crawl), its age would be 0 or years too old.
    Path f = dir.resolve("labeled.jsonl");
    Files.writeString(f, """
        {"handle":"dated","created_at":"2012-01-01T00:00:00Z","observed_at":"2015-01-01T00:00:00Z","followers":5,"label":"fake"}
        {"handle":"undated","created_at":"2012-01-01T00:00:00Z","followers":500,"label":"human"}
        """);
    Dataset d = Dataset.read(f);
    assertThat(d.accounts().get(0).createdAt()).isPresent();
    assertThat(d.accounts().get(1).createdAt()).isEmpty();
    assertThat(d.accounts().get(1).followers()).hasValue(500);
    assertThat(d.labels()).containsExactly(1, 0);
    double[] x = new double[Feature.COUNT];
    assertThat(Feature.extract(d.accounts().get(1), 0, x) & Feature.Fields.AGE).isZero();
  }
}
