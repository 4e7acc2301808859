package org.influencebot.core.chart;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TimeZone;
import org.influencebot.core.members.JoinWave;
import org.influencebot.core.members.MemberAuditReport;
import org.influencebot.core.quantify.ShareEstimate;
import org.influencebot.core.text.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A community's joins over time as bars, the days (or weeks) of its join waves coloured (red where the wave looks
 * bought, amber where it does not) and the largest waves labelled with their size, day and bought share. Days up to a year; longer histories in weeks, so that each bar stays visible.
 * Aggregates only: no member appears.
 */
final class JoinsChart {
  /** At most this many waves get a text label; all are drawn in red. */
  static final int MAX_LABELS = 3;
  /** Up to this many days the bars are days; beyond, weeks. */
  static final int MAX_DAILY = 366;

  private JoinsChart() {}

  static Optional<JFreeChart> build(MemberAuditReport r, Messages m) {
    MemberAuditReport.DailyJoins joins = r.joins();
    int[] counts = joins.counts();
    if (joins.first().isEmpty() || counts.length == 0) {
      return Optional.empty();
    }
    LocalDate first = joins.first().get();
    int bin = counts.length > MAX_DAILY ? 7 : 1;
    // Each wave's bar: red when the wave's own bought share is at least one half, amber otherwise (a real burst,
    // or too few members to say): a burst of real people is never drawn as bought.
    Map<Long, Boolean> waveBins = new HashMap<>();
    for (JoinWave w : r.waves()) {
      waveBins.merge(binOf(first, w.start().atZone(ZoneOffset.UTC).toLocalDate(), bin), looksBought(w),
          Boolean::logicalOr);
    }
    XYSeries usual = new XYSeries(m.get("chart.joins.usual"), true, false);
    XYSeries bought = new XYSeries(m.get("chart.joins.wave_bought"), true, false);
    XYSeries other = new XYSeries(m.get("chart.joins.wave"), true, false);
    for (int start = 0; start < counts.length; start += bin) {
      int sum = 0;
      for (int i = start; i < Math.min(counts.length, start + bin); i++) {
        sum += counts[i];
      }
      long x = millis(first.plusDays(start));
      Boolean wave = waveBins.get((long) start / bin);
      XYSeries into = wave == null ? usual : wave ? bought : other;
      for (XYSeries series : List.of(usual, bought, other)) {
        series.add(x, series == into ? sum : 0);
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(usual);
    data.addSeries(bought);
    data.addSeries(other);
    data.setIntervalWidth(bin * 86_400_000d);
    data.setIntervalPositionFactor(0);

    DateAxis time = new DateAxis(null, TimeZone.getTimeZone(ZoneOffset.UTC), m.locale());
    time.setLowerMargin(0.01);
    time.setUpperMargin(0.01);
    time.setTickLabelFont(ChartStyle.TICK);
    NumberAxis count = new NumberAxis(m.get(bin == 1 ? "chart.axis.joins_day" : "chart.axis.joins_week"));
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    count.setNumberFormatOverride(NumberFormat.getIntegerInstance(m.locale()));
    count.setUpperMargin(0.15);
    count.setTickLabelFont(ChartStyle.TICK);
    count.setLabelFont(ChartStyle.AXIS_LABEL);
    XYBarRenderer bars = new XYBarRenderer(0.1);
    XYPlot plot = new XYPlot(data, time, count, bars);
    plot.setInsets(new RectangleInsets(8, 8, 8, 24));

    JFreeChart chart = new JFreeChart(m.get("chart.joins.title", m.number(r.total())), ChartStyle.TITLE, plot, true);
    ChartStyle.apply(chart);
    chart.addSubtitle(new TextTitle(m.get("chart.joins.subtitle", counts.length, r.waves().size()),
        ChartStyle.SUBTITLE));
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(ChartStyle.LEGEND);
    }
    // After the theme, which would repaint the series.
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setSeriesPaint(0, ChartStyle.LINE);
    bars.setSeriesPaint(1, ChartStyle.ANOMALY);
    bars.setSeriesPaint(2, ChartStyle.SECOND);
    bars.setSeriesVisibleInLegend(1, waveBins.containsValue(true));
    bars.setSeriesVisibleInLegend(2, waveBins.containsValue(false));

    DateTimeFormatter day = DateTimeFormatter.ofPattern(counts.length <= MAX_DAILY ? "d MMM" : "d MMM yyyy",
        m.locale()).withZone(ZoneOffset.UTC);
    List<JoinWave> largest = new ArrayList<>(r.waves());
    largest.sort(Comparator.comparingInt(JoinWave::size).reversed().thenComparing(JoinWave::start));
    for (int i = 0; i < Math.min(MAX_LABELS, largest.size()); i++) {
      JoinWave w = largest.get(i);
      LocalDate d = w.start().atZone(ZoneOffset.UTC).toLocalDate();
      long b = binOf(first, d, bin);
      int height = 0;
      for (long k = b * bin; k < Math.min(counts.length, (b + 1) * bin); k++) {
        height += counts[(int) k];
      }
      ShareEstimate share = w.boughtShare();
      String text = share.abstention().isPresent()
          ? m.get("chart.joins.label", "+" + m.number(w.size()), day.format(w.start()))
          : m.get("chart.joins.label_share", "+" + m.number(w.size()), day.format(w.start()),
              Math.round(100 * share.share()));
      XYTextAnnotation label = new XYTextAnnotation(text, millis(first.plusDays(b * bin)), height);
      label.setFont(ChartStyle.ANNOTATION);
      label.setPaint(looksBought(w) ? ChartStyle.ANOMALY : ChartStyle.TEXT);
      label.setTextAnchor(millis(d) > millis(first.plusDays(counts.length / 2)) ? TextAnchor.BOTTOM_RIGHT
          : TextAnchor.BOTTOM_LEFT);
      plot.addAnnotation(label);
    }
    return Optional.of(chart);
  }

  /** Whether a wave's own bought share is measured and at least one half. */
  static boolean looksBought(JoinWave w) {
    return w.boughtShare().abstention().isEmpty() && w.boughtShare().share() >= 0.5;
  }

  private static long binOf(LocalDate first, LocalDate day, int bin) {
    return Math.floorDiv(day.toEpochDay() - first.toEpochDay(), bin);
  }

  private static long millis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
