package org.influencebot.core.chart;

import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.analysis.Component;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The five influence components as horizontal bars on a fixed 0–100 scale, coloured by score; a
 * component that was not assessed has no bar and says so. Always renders, even with nothing assessed.
 */
final class ComponentsChart {
  private ComponentsChart() {}

  static JFreeChart build(Summary s, Messages m) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<ScoreBars.Bar> row = new ArrayList<>();
    for (Component c : s.influence().components()) {
      data.addValue(c.score().orElse(0), "score", m.get(c.kind().key()));
      row.add(new ScoreBars.Bar(c.score(), ChartStyle.score(c.score()), ScoreBars.label(c.score(), m)));
    }
    CategoryAxis categories = new CategoryAxis(null);
    NumberAxis scores = ScoreBars.axis(m.get("chart.axis.score"));
    ScoreBars bars = new ScoreBars(List.of(row));
    CategoryPlot plot = new CategoryPlot(data, categories, scores, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);

    JFreeChart chart = new JFreeChart(SafeText.account(s, ChartStyle.TITLE, ChartStyle.TITLE_WIDTH), ChartStyle.TITLE, plot, false);
    ChartStyle.apply(chart);
    chart.addSubtitle(new TextTitle(m.get("chart.components.subtitle", ScoreBars.label(s.influence().score(), m)),
        ChartStyle.SUBTITLE));
    bars.restyle(plot);
    plot.setInsets(new RectangleInsets(8, 8, 8, 24));
    return chart;
  }
}
