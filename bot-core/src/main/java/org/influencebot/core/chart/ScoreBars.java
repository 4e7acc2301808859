package org.influencebot.core.chart;

import java.awt.Paint;
import java.util.List;
import java.util.OptionalInt;
import org.influencebot.core.text.Messages;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;

/**
 * Bars of 0–100 scores where each bar has its own colour and label: the score, or "not assessed" in
 * grey with no bar. Rows are series, columns categories, as in the dataset.
 */
final class ScoreBars extends BarRenderer {
  /** One bar: its score (empty when not assessed), colour and label. */
  record Bar(OptionalInt score, Paint paint, String label) {}

  private final List<List<Bar>> bars;

  ScoreBars(List<List<Bar>> bars) {
    this.bars = List.copyOf(bars);
    setDefaultItemLabelGenerator(new Labels(this.bars));
  }

  /** The label of a score: the number, or "not assessed". */
  static String label(OptionalInt score, Messages m) {
    return score.isPresent() ? Integer.toString(score.getAsInt()) : m.get("chart.notAssessed");
  }

  /** A fixed 0–100 axis with a tick every 20. */
  static NumberAxis axis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setRange(0, 100);
    axis.setAutoRange(false);
    axis.setTickUnit(new NumberTickUnit(20));
    return axis;
  }

  /** Re-applies this renderer's look after the chart theme, which resets fonts and painters. */
  void restyle(CategoryPlot plot) {
    setDefaultItemLabelsVisible(true);
    setDefaultItemLabelFont(ChartStyle.ITEM_LABEL);
    setDefaultItemLabelPaint(ChartStyle.TEXT);
    ItemLabelPosition outside = new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT);
    setDefaultPositiveItemLabelPosition(outside);
    setDefaultNegativeItemLabelPosition(outside);
    setItemLabelAnchorOffset(8);
    setBarPainter(new StandardBarPainter());
    setShadowVisible(false);
    setDrawBarOutline(false);
    setItemMargin(0.08);
    setMaximumBarWidth(0.16);
    CategoryAxis categories = plot.getDomainAxis();
    categories.setTickLabelFont(ChartStyle.CATEGORY);
    categories.setTickLabelPaint(ChartStyle.TEXT);
    categories.setCategoryMargin(0.25);
    categories.setMaximumCategoryLabelWidthRatio(0.4f);
    categories.setLowerMargin(0.04);
    categories.setUpperMargin(0.04);
    NumberAxis scores = (NumberAxis) plot.getRangeAxis();
    scores.setTickLabelFont(ChartStyle.TICK);
    scores.setLabelFont(ChartStyle.AXIS_LABEL);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(true);
  }

  @Override
  public Paint getItemPaint(int row, int column) {
    return bars.get(row).get(column).paint();
  }

  @Override
  public Paint getItemLabelPaint(int row, int column) {
    return bars.get(row).get(column).score().isPresent() ? ChartStyle.TEXT : ChartStyle.MUTED;
  }

  private static final class Labels extends StandardCategoryItemLabelGenerator {
    private final List<List<Bar>> bars;

    Labels(List<List<Bar>> bars) {
      this.bars = bars;
    }

    @Override
    public String generateLabel(CategoryDataset dataset, int row, int column) {
      return bars.get(row).get(column).label();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreBars other && super.equals(o) && bars.equals(other.bars);
  }

  @Override
  public int hashCode() {
    return super.hashCode() * 31 + bars.hashCode();
  }
}
