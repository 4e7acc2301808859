package org.influencebot.core.chart;

import java.util.Optional;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;

/**
 * PNG pictures of summaries for the adapters to attach to a reply. Rendering is headless and
 * deterministic (same summary and language, same bytes), each picture is well under 200 KB, and
 * missing data gives a plainer picture, never an exception. Safe to call from several threads.
 */
public final class Charts {
  /** Width and height of the history, components and compare charts. */
  public static final int WIDTH = ChartStyle.WIDTH;
  public static final int HEIGHT = ChartStyle.HEIGHT;
  /** Width and height of the summary card. */
  public static final int CARD_WIDTH = ChartStyle.CARD_WIDTH;
  public static final int CARD_HEIGHT = ChartStyle.CARD_HEIGHT;

  static {
    ChartStyle.init(); // headless before any AWT class is touched
  }

  private Charts() {}

  /** The picture for {@code /influence}: the follower history if there are two days of it, else the components. */
  public static Optional<byte[]> summaryChart(Summary summary, Messages m) {
    return Optional.of(historyChart(summary, m).orElseGet(() -> componentsChart(summary, m)));
  }

  /** The follower history with growth anomalies marked; empty with fewer than two days of history. */
  public static Optional<byte[]> historyChart(Summary summary, Messages m) {
    return HistoryChart.build(summary, m).map(c -> Png.render(c, WIDTH, HEIGHT));
  }

  /** The five influence components as bars 0–100; those not assessed are labelled so. */
  public static byte[] componentsChart(Summary summary, Messages m) {
    return Png.render(ComponentsChart.build(summary, m), WIDTH, HEIGHT);
  }

  /** Two accounts side by side for {@code /compare}: influence, authenticity and the components. */
  public static byte[] compareChart(Summary first, Summary second, Messages m) {
    return Png.render(CompareChart.build(first, second, m), WIDTH, HEIGHT);
  }

  /**
   * A community's joins per day (per week beyond a year), its join waves in red: empty when no join date is
   * known. Aggregates only.
   */
  public static Optional<byte[]> joinsChart(org.influencebot.core.members.MemberAuditReport report, Messages m) {
    return JoinsChart.build(report, m).map(c -> Png.render(c, WIDTH, HEIGHT));
  }

  /** The scores at a glance: handle, influence, authenticity in the verdict's colour, and the verdict. */
  public static byte[] card(Summary summary, Messages m) {
    return Png.render(SummaryCard.build(summary, m), CARD_WIDTH, CARD_HEIGHT);
  }
}
