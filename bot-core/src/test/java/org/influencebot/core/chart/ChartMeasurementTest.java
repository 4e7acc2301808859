package org.influencebot.core.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.Test;

/**
 * Measures the charts of every sample account: prints each PNG's size and the warm render time, and
 * writes the pictures to {@code target/chart-samples} to look at. Sizes are asserted (well under
 * 200 KB); times are only printed, since they depend on the machine.
 */
class ChartMeasurementTest {
  private static final int WARMUP = 1;
  private static final int RUNS = 4;
  private static final Path OUT = Path.of("target", "chart-samples");

  @Test
  void sizesAndWarmTimesOfTheSampleCharts() throws IOException {
    Files.createDirectories(OUT);
    Messages en = Messages.english();
    Messages fr = Messages.forTag("fr");
    StringBuilder report = new StringBuilder("\nchart sizes (bytes) of the sample accounts\n");
    report.append(String.format(Locale.ROOT, "%-14s %9s %9s %9s %9s%n", "account", "summary", "components", "compare",
        "card"));
    Summary reference = ChartFixtures.sample("mid_creator");
    for (Map.Entry<String, Summary> e : ChartFixtures.samples().entrySet()) {
      Summary s = e.getValue();
      byte[] summary = Charts.summaryChart(s, en).orElseThrow();
      byte[] components = Charts.componentsChart(s, en);
      byte[] compare = Charts.compareChart(reference, s, en);
      byte[] card = Charts.card(s, en);
      for (byte[] png : new byte[][] {summary, components, compare, card}) {
        assertThat(png.length).as("size of a chart of %s", e.getKey()).isLessThan(200 * 1024);
      }
      report.append(String.format(Locale.ROOT, "%-14s %9d %9d %9d %9d%n", e.getKey(), summary.length,
          components.length, compare.length, card.length));
      Files.write(OUT.resolve(e.getKey() + "-summary.png"), summary);
      Files.write(OUT.resolve(e.getKey() + "-components.png"), components);
      Files.write(OUT.resolve(e.getKey() + "-card.png"), card);
      Files.write(OUT.resolve("mid_creator-vs-" + e.getKey() + ".png"), compare);
    }
    Summary bought = ChartFixtures.sample("bought_5k");
    Files.write(OUT.resolve("bought_5k-summary-fr.png"), Charts.summaryChart(bought, fr).orElseThrow());
    Files.write(OUT.resolve("bought_5k-card-fr.png"), Charts.card(bought, fr));
    Files.write(OUT.resolve("mid_creator-vs-bought_5k-fr.png"), Charts.compareChart(reference, bought, fr));
    report.append("\nwarm render time (ms per chart, mean of ").append(RUNS).append(" after ").append(WARMUP)
        .append(" warm-up runs), bought_5k:\n");
    time(report, "history", () -> Charts.historyChart(bought, en).orElseThrow());
    time(report, "components", () -> Charts.componentsChart(bought, en));
    time(report, "compare", () -> Charts.compareChart(reference, bought, en));
    time(report, "card", () -> Charts.card(bought, en));
    System.out.println(report);
  }

  private static void time(StringBuilder report, String name, Supplier<byte[]> chart) {
    for (int i = 0; i < WARMUP; i++) {
      chart.get();
    }
    long start = System.nanoTime();
    for (int i = 0; i < RUNS; i++) {
      chart.get();
    }
    double ms = (System.nanoTime() - start) / 1e6 / RUNS;
    report.append(String.format(Locale.ROOT, "  %-11s %6.1f ms%n", name, ms));
  }
}
