package org.influencebot.core.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.influencebot.core.analysis.Component;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Two accounts side by side for {@code /compare}: grouped horizontal bars for overall influence,
 * authenticity and the five influence components, one colour per account, named in the legend.
 */
final class CompareChart {
  /** Handles are shorter here: two of them share the legend line. */
  static final int MAX_HANDLE = 30;
  static final double LEGEND_WIDTH = ChartStyle.WIDTH / 2.0 - 80;

  private CompareChart() {}

  static JFreeChart build(Summary first, Summary second, Messages m) {
    String a = SafeText.handle(first, ChartStyle.LEGEND, MAX_HANDLE, LEGEND_WIDTH);
    String b = SafeText.handle(second, ChartStyle.LEGEND, MAX_HANDLE, LEGEND_WIDTH);
    if (a.equals(b)) {
      a = "1. " + a;
      b = "2. " + b;
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<List<ScoreBars.Bar>> rows = List.of(row(data, a, first, ChartStyle.FIRST, m),
        row(data, b, second, ChartStyle.SECOND, m));
    ScoreBars bars = new ScoreBars(rows);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), ScoreBars.axis(m.get("chart.axis.score")), bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);

    JFreeChart chart = new JFreeChart(m.get("chart.compare.title"), ChartStyle.TITLE, plot, true);
    ChartStyle.apply(chart);
    bars.restyle(plot);
    bars.setSeriesPaint(0, ChartStyle.FIRST);
    bars.setSeriesPaint(1, ChartStyle.SECOND);
    bars.setDefaultItemLabelFont(ChartStyle.TICK);
    bars.setMaximumBarWidth(0.08);
    plot.getDomainAxis().setCategoryMargin(0.18);
    plot.setInsets(new RectangleInsets(4, 8, 4, 24));
    LegendTitle legend = chart.getLegend();
    legend.setPosition(RectangleEdge.TOP);
    legend.setItemFont(ChartStyle.LEGEND);
    legend.setItemPaint(ChartStyle.TEXT);
    legend.setItemLabelPadding(new RectangleInsets(2, 6, 2, 28));
    chart.addSubtitle(1, new TextTitle(m.get("chart.compare.subtitle"), ChartStyle.SUBTITLE));
    return chart;
  }

  private static List<ScoreBars.Bar> row(DefaultCategoryDataset data, String series, Summary s, Color colour,
      Messages m) {
    List<ScoreBars.Bar> row = new ArrayList<>();
    add(data, row, series, m.get("chart.compare.influence"), s.influence().score(), colour, m);
    add(data, row, series, m.get("chart.compare.authenticity"), s.authenticity().score(), colour, m);
    for (Component.Kind kind : Component.Kind.values()) {
      OptionalInt score = s.influence().components().stream().filter(c -> c.kind() == kind).findFirst()
          .map(Component::score).orElse(OptionalInt.empty());
      add(data, row, series, m.get(kind.key()), score, colour, m);
    }
    return row;
  }

  private static void add(DefaultCategoryDataset data, List<ScoreBars.Bar> row, String series, String category,
      OptionalInt score, Color colour, Messages m) {
    data.addValue(score.orElse(0), series, category);
    row.add(new ScoreBars.Bar(score, colour, ScoreBars.label(score, m)));
  }
}
