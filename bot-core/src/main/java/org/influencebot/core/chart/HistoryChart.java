package org.influencebot.core.chart;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.TreeMap;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.GrowthAnomaly;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The follower history as a line, with each detected growth anomaly marked by a dashed red line and
 * the strongest ones labelled with their gain and day ("+5,000 on 14 Sep"). Needs two days of history.
 */
final class HistoryChart {
  /** At most this many anomalies get a text label; all get a marker, up to {@link #MAX_MARKERS}. */
  static final int MAX_LABELS = 3;
  static final int MAX_MARKERS = 40;

  private HistoryChart() {}

  static Optional<JFreeChart> build(Summary s, Messages m) {
    // One value per day (the last one given for a day wins), in date order.
    TreeMap<LocalDate, Long> byDay = new TreeMap<>();
    for (FollowerPoint p : s.followerHistory()) {
      byDay.put(p.at(), p.followers());
    }
    if (byDay.size() < 2) {
      return Optional.empty();
    }
    XYSeries series = new XYSeries("followers", true, false);
    byDay.forEach((day, followers) -> series.add(millis(day), followers));
    XYSeriesCollection data = new XYSeriesCollection(series);

    DateAxis time = new DateAxis(null, TimeZone.getTimeZone(ZoneOffset.UTC), m.locale());
    time.setLowerMargin(0.02);
    time.setUpperMargin(0.02);
    NumberAxis count = new NumberAxis(m.get("chart.axis.followers"));
    count.setAutoRangeIncludesZero(false);
    count.setNumberFormatOverride(NumberFormat.getIntegerInstance(m.locale()));
    count.setUpperMargin(0.18);
    count.setLowerMargin(0.12);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, byDay.size() <= 2);
    XYPlot plot = new XYPlot(data, time, count, line);
    plot.setOrientation(PlotOrientation.VERTICAL);

    List<GrowthAnomaly> anomalies = s.authenticity().anomalies();
    long days = ChronoUnit.DAYS.between(byDay.firstKey(), byDay.lastKey()) + 1;
    JFreeChart chart = new JFreeChart(SafeText.account(s, ChartStyle.TITLE, ChartStyle.TITLE_WIDTH), ChartStyle.TITLE, plot, false);
    ChartStyle.apply(chart);
    chart.addSubtitle(new TextTitle(m.get("chart.history.subtitle", days, anomalies.size()), ChartStyle.SUBTITLE));

    line.setSeriesPaint(0, ChartStyle.LINE);
    line.setSeriesStroke(0, ChartStyle.LINE_STROKE);
    time.setTickLabelFont(ChartStyle.TICK);
    count.setTickLabelFont(ChartStyle.TICK);
    count.setLabelFont(ChartStyle.AXIS_LABEL);
    plot.setInsets(new RectangleInsets(8, 8, 8, 24));

    DateTimeFormatter dayFormat = DateTimeFormatter.ofPattern(days <= 366 ? "d MMM" : "d MMM yyyy", m.locale());
    List<GrowthAnomaly> strongest = new ArrayList<>(anomalies);
    strongest.sort(Comparator.comparingDouble(GrowthAnomaly::strength).reversed()
        .thenComparing(GrowthAnomaly::date));
    long first = millis(byDay.firstKey());
    long last = millis(byDay.lastKey());
    for (int i = 0; i < strongest.size() && i < MAX_MARKERS; i++) {
      GrowthAnomaly a = strongest.get(i);
      long x = millis(a.date());
      if (x < first || x > last) {
        continue;
      }
      ValueMarker marker = new ValueMarker(x, ChartStyle.ANOMALY, ChartStyle.MARKER_STROKE);
      plot.addDomainMarker(marker, Layer.BACKGROUND);
      if (i < MAX_LABELS) {
        plot.addAnnotation(label(a, byDay, dayFormat, m, x > (first + last) / 2, i));
      }
    }
    return Optional.of(chart);
  }

  /** The label of one anomaly: left of its marker in the right half of the chart, right of it otherwise. */
  private static XYPointerAnnotation label(GrowthAnomaly a, TreeMap<LocalDate, Long> byDay,
      DateTimeFormatter dayFormat, Messages m, boolean rightHalf, int rank) {
    String gain = (a.gain() >= 0 ? "+" : "") + m.number(a.gain());
    String text = m.get("chart.history.anomaly", gain, dayFormat.format(a.date()));
    var floor = byDay.floorEntry(a.date());
    long y = floor != null ? floor.getValue() : byDay.firstEntry().getValue();
    // On a rising line the empty space is above-left of a jump and below-right of it.
    double angle = rightHalf ? -0.75 * Math.PI : 0.25 * Math.PI;
    XYPointerAnnotation label = new XYPointerAnnotation(text, millis(a.date()), y, angle);
    label.setFont(ChartStyle.ANNOTATION);
    label.setPaint(ChartStyle.ANOMALY);
    label.setArrowPaint(ChartStyle.ANOMALY);
    label.setBackgroundPaint(ChartStyle.BACKGROUND);
    label.setOutlineVisible(true);
    label.setOutlinePaint(ChartStyle.ANOMALY);
    label.setBaseRadius(36 + 28 * rank);
    label.setTipRadius(6);
    label.setLabelOffset(6);
    label.setTextAnchor(rightHalf ? TextAnchor.BOTTOM_RIGHT : TextAnchor.TOP_LEFT);
    return label;
  }

  private static long millis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
