package org.influencebot.core.chart;

import java.awt.Color;
import java.util.List;
import java.util.OptionalInt;
import org.influencebot.core.analysis.Authenticity;
import org.influencebot.core.analysis.InfluenceScore;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.text.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The scores at a glance, for a welcome or a share: the handle and name, two thick bars (influence,
 * authenticity in the verdict's colour) and the verdict on a band of its colour.
 */
final class SummaryCard {
  /** Room for the handle and name: the card less its side margins, less a little for rounding. */
  static final double TEXT_WIDTH = ChartStyle.CARD_WIDTH - 2 * 28 - 8;

  private SummaryCard() {}

  static JFreeChart build(Summary s, Messages m) {
    InfluenceScore inf = s.influence();
    Authenticity auth = s.authenticity();
    Color verdict = ChartStyle.verdict(auth.verdict());
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    String influence = m.get("chart.card.influence");
    String authenticity = m.get("chart.card.authenticity");
    data.addValue(inf.score().orElse(0), "score", influence);
    data.addValue(auth.score().orElse(0), "score", authenticity);
    ScoreBars bars = new ScoreBars(List.of(List.of(
        new ScoreBars.Bar(inf.score(), inf.score().isPresent() ? ChartStyle.LINE : ChartStyle.NOT_ASSESSED,
            outOf100(inf.score(), m)),
        new ScoreBars.Bar(auth.score(), auth.score().isPresent() ? verdict : ChartStyle.NOT_ASSESSED,
            outOf100(auth.score(), m)))));
    NumberAxis scores = ScoreBars.axis(null);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), scores, bars);
    plot.setOrientation(PlotOrientation.HORIZONTAL);

    JFreeChart chart = new JFreeChart(SafeText.handle(s, ChartStyle.CARD_HANDLE, ChartStyle.MAX_HANDLE, TEXT_WIDTH), ChartStyle.CARD_HANDLE, plot, false);
    ChartStyle.apply(chart);
    bars.restyle(plot);
    bars.setDefaultItemLabelFont(ChartStyle.CARD_SCORE);
    bars.setMaximumBarWidth(0.3);
    plot.getDomainAxis().setTickLabelFont(ChartStyle.CARD_CATEGORY);
    plot.getDomainAxis().setCategoryMargin(0.3);
    plot.getDomainAxis().setAxisLineVisible(false);
    plot.getDomainAxis().setTickMarksVisible(false);
    scores.setVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setOutlineVisible(false);
    plot.setBackgroundPaint(ChartStyle.PLOT_BACKGROUND);
    plot.setInsets(new RectangleInsets(4, 24, 4, 24));

    TextTitle title = chart.getTitle();
    title.setFont(ChartStyle.CARD_HANDLE);
    title.setHorizontalAlignment(HorizontalAlignment.LEFT);
    title.setMaximumLinesToDisplay(1);
    title.setMargin(new RectangleInsets(18, 28, 0, 28));
    SafeText.name(s, ChartStyle.CARD_NAME, ChartStyle.MAX_NAME, TEXT_WIDTH).ifPresent(name -> {
      TextTitle n = new TextTitle(name, ChartStyle.CARD_NAME);
      n.setPaint(ChartStyle.MUTED);
      n.setHorizontalAlignment(HorizontalAlignment.LEFT);
      n.setMaximumLinesToDisplay(1);
      n.setMargin(new RectangleInsets(2, 28, 10, 28));
      chart.addSubtitle(n);
    });
    TextTitle band = new TextTitle(capitalized(m.get(auth.verdict().key()), m), ChartStyle.CARD_VERDICT);
    band.setPosition(RectangleEdge.BOTTOM);
    band.setPaint(Color.WHITE);
    band.setBackgroundPaint(verdict);
    band.setExpandToFitSpace(true);
    band.setFrame(BlockBorder.NONE);
    band.setPadding(new RectangleInsets(12, 24, 12, 24));
    band.setMaximumLinesToDisplay(2);
    chart.addSubtitle(band);
    TextTitle footer = new TextTitle(footer(s, m), ChartStyle.SUBTITLE);
    footer.setPosition(RectangleEdge.BOTTOM);
    footer.setPaint(ChartStyle.MUTED);
    footer.setMargin(new RectangleInsets(8, 24, 10, 24));
    footer.setMaximumLinesToDisplay(2);
    chart.addSubtitle(footer);
    return chart;
  }

  private static String outOf100(OptionalInt score, Messages m) {
    return score.isPresent() ? m.get("chart.card.score", score.getAsInt()) : m.get("chart.notAssessed");
  }

  private static String footer(Summary s, Messages m) {
    InfluenceScore inf = s.influence();
    String followers = inf.followers().isPresent()
        ? m.get("chart.card.followers", m.number(inf.followers().getAsLong()))
        : m.get("summary.followers.unknown");
    return m.get("chart.card.footer", followers, m.get(s.authenticity().confidence().key()));
  }

  private static String capitalized(String text, Messages m) {
    return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(m.locale()) + text.substring(1);
  }
}
