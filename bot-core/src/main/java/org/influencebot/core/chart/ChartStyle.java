package org.influencebot.core.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.OptionalInt;
import org.influencebot.core.analysis.Verdict;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;

/**
 * The look shared by every chart: sizes legible on a phone, logical fonts that exist on any JDK, flat
 * colours, and headless AWT. Touching this class (every chart does, first) sets
 * {@code java.awt.headless=true} unless the application chose otherwise.
 */
final class ChartStyle {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final int WIDTH = 1000;
  static final int HEIGHT = 560;
  static final int CARD_WIDTH = 800;
  static final int CARD_HEIGHT = 450;

  /** Longest handle and display name drawn, in characters. */
  static final int MAX_HANDLE = 40;
  static final int MAX_NAME = 40;
  /** Room for a chart title on one line: the width less the title's margins and a little for rounding. */
  static final double TITLE_WIDTH = WIDTH - 40;

  static final String FAMILY = Font.SANS_SERIF;
  static final Font TITLE = new Font(FAMILY, Font.BOLD, 30);
  static final Font SUBTITLE = new Font(FAMILY, Font.PLAIN, 21);
  static final Font AXIS_LABEL = new Font(FAMILY, Font.PLAIN, 20);
  static final Font TICK = new Font(FAMILY, Font.PLAIN, 19);
  static final Font CATEGORY = new Font(FAMILY, Font.PLAIN, 22);
  static final Font ITEM_LABEL = new Font(FAMILY, Font.BOLD, 20);
  static final Font ANNOTATION = new Font(FAMILY, Font.BOLD, 20);
  static final Font LEGEND = new Font(FAMILY, Font.PLAIN, 21);
  static final Font CARD_HANDLE = new Font(FAMILY, Font.BOLD, 40);
  static final Font CARD_NAME = new Font(FAMILY, Font.PLAIN, 26);
  static final Font CARD_VERDICT = new Font(FAMILY, Font.BOLD, 26);
  static final Font CARD_CATEGORY = new Font(FAMILY, Font.BOLD, 28);
  static final Font CARD_SCORE = new Font(FAMILY, Font.BOLD, 30);

  static final Color BACKGROUND = Color.WHITE;
  static final Color PLOT_BACKGROUND = new Color(0xF7F7F9);
  static final Color GRID = new Color(0xD0D0D8);
  static final Color TEXT = new Color(0x202124);
  static final Color MUTED = new Color(0x6B6B75);
  static final Color LINE = new Color(0x1565C0);
  static final Color ANOMALY = new Color(0xC62828);
  static final Color FIRST = new Color(0x1565C0);
  static final Color SECOND = new Color(0xEF6C00);
  static final Color NOT_ASSESSED = new Color(0xBDBDBD);
  static final BasicStroke LINE_STROKE = new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  static final BasicStroke MARKER_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
      new float[] {8f, 6f}, 0f);

  private static final StandardChartTheme THEME = theme();

  private ChartStyle() {}

  /** Does nothing but make sure this class, and so the headless property, is initialized. */
  static void init() {}

  /** Applies the fonts and colours; call after the chart is built and before per-chart tweaks. */
  static void apply(JFreeChart chart) {
    THEME.apply(chart);
    chart.setBackgroundPaint(BACKGROUND);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    chart.setBorderVisible(false);
    if (chart.getTitle() != null) {
      chart.getTitle().setMaximumLinesToDisplay(1);
    }
  }

  private static StandardChartTheme theme() {
    StandardChartTheme t = new StandardChartTheme("influence-bot", false);
    t.setExtraLargeFont(TITLE);
    t.setLargeFont(AXIS_LABEL);
    t.setRegularFont(TICK);
    t.setSmallFont(TICK);
    t.setTitlePaint(TEXT);
    t.setSubtitlePaint(TEXT);
    t.setChartBackgroundPaint(BACKGROUND);
    t.setPlotBackgroundPaint(PLOT_BACKGROUND);
    t.setPlotOutlinePaint(GRID);
    t.setDomainGridlinePaint(GRID);
    t.setRangeGridlinePaint(GRID);
    t.setAxisLabelPaint(TEXT);
    t.setTickLabelPaint(TEXT);
    t.setItemLabelPaint(TEXT);
    t.setLegendBackgroundPaint(BACKGROUND);
    t.setLegendItemPaint(TEXT);
    t.setBarPainter(new StandardBarPainter());
    t.setXYBarPainter(new StandardXYBarPainter());
    t.setShadowVisible(false);
    t.setDrawingSupplier(new DefaultDrawingSupplier(new Paint[] {FIRST, SECOND, ANOMALY},
        DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
        DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return t;
  }

  /** The colour of a verdict: green for authentic through red for inflated; grey when there is too little evidence. */
  static Color verdict(Verdict v) {
    return switch (v) {
      case AUTHENTIC -> new Color(0x2E7D32);
      case MIXED -> new Color(0xB26A00);
      case LIKELY_INFLATED -> new Color(0xC62828);
      case LIKELY_AUTOMATED -> new Color(0x6A1B9A);
      case NOT_ENOUGH_EVIDENCE -> new Color(0x616161);
    };
  }

  /** A score's bar colour: red below 40, amber below 70, green from 70. */
  static Color score(OptionalInt score) {
    if (score.isEmpty()) {
      return NOT_ASSESSED;
    }
    int s = score.getAsInt();
    return s < 40 ? new Color(0xC62828) : s < 70 ? new Color(0xB26A00) : new Color(0x2E7D32);
  }
}
