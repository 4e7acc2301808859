package org.influencebot.core.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.influencebot.core.account.FollowerPoint;
import org.influencebot.core.analysis.Authenticity;
import org.influencebot.core.analysis.Component;
import org.influencebot.core.analysis.Confidence;
import org.influencebot.core.analysis.InfluenceScore;
import org.influencebot.core.analysis.Signal;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Verdict;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.junit.jupiter.api.Test;

class ChartsTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final int MAX_BYTES = 200 * 1024;
  private static final Messages EN = Messages.english();
  private static final Messages FR = Messages.forTag("fr");

  @Test
  void theFourChartsArePngsOfTheAdvertisedSize() throws IOException {
    Summary bought = ChartFixtures.sample("bought_5k");
    Summary mid = ChartFixtures.sample("mid_creator");
    assertPng(Charts.summaryChart(bought, EN).orElseThrow(), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.componentsChart(mid, FR), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.compareChart(mid, bought, EN), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.card(bought, FR), Charts.CARD_WIDTH, Charts.CARD_HEIGHT);
  }

  @Test
  void theSameSummaryGivesTheSameBytes() {
    Summary bought = ChartFixtures.sample("bought_5k");
    Summary mid = ChartFixtures.sample("mid_creator");
    assertThat(Charts.historyChart(bought, EN).orElseThrow()).isEqualTo(Charts.historyChart(bought, EN).orElseThrow());
    assertThat(Charts.compareChart(mid, bought, FR)).isEqualTo(Charts.compareChart(mid, bought, FR));
    assertThat(Charts.card(mid, EN)).isEqualTo(Charts.card(mid, EN));
    // and different summaries give different pictures
    assertThat(Charts.card(mid, EN)).isNotEqualTo(Charts.card(bought, EN));
    assertThat(Charts.card(mid, EN)).isNotEqualTo(Charts.card(mid, FR));
  }

  @Test
  void theBoughtSpikeIsMarkedAndLabelledWithItsGainAndDay() {
    Summary bought = ChartFixtures.sample("bought_5k");
    assertThat(bought.authenticity().anomalies()).isNotEmpty();
    var spike = bought.authenticity().anomalies().stream()
        .max(java.util.Comparator.comparingLong(a -> a.gain())).orElseThrow();
    JFreeChart chart = HistoryChart.build(bought, EN).orElseThrow();
    XYPlot plot = chart.getXYPlot();
    assertThat(plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND)).hasSize(
        bought.authenticity().anomalies().size());
    String day = java.time.format.DateTimeFormatter.ofPattern("d MMM", EN.locale()).format(spike.date());
    assertThat(labels(plot)).contains("+" + EN.number(spike.gain()) + " on " + day);
    assertThat(spike.gain()).isGreaterThanOrEqualTo(5000);

    JFreeChart french = HistoryChart.build(bought, FR).orElseThrow();
    assertThat(labels(french.getXYPlot())).anySatisfy(l -> assertThat(l).startsWith("+5").contains(" le "));
  }

  @Test
  void aSteadyAccountHasNoAnomalyLabel() {
    // README: @mid_creator is "a genuine mid-size creator: 42,000 followers, steady growth".
    Summary mid = ChartFixtures.sample("mid_creator");
    JFreeChart chart = HistoryChart.build(mid, EN).orElseThrow();
    assertThat(labels(chart.getXYPlot())).isEmpty();
    assertThat(subtitles(chart)).anySatisfy(t -> assertThat(t).contains("365 days"));
  }

  @Test
  void titlesAreLocalized() {
    Summary mid = ChartFixtures.sample("mid_creator");
    assertThat(CompareChart.build(mid, mid, FR).getTitle().getText()).isEqualTo("Influence comparée");
    assertThat(subtitles(SummaryCard.build(mid, FR))).anySatisfy(t -> assertThat(t).contains("abonnés"));
    assertThat(subtitles(ComponentsChart.build(mid, EN))).anySatisfy(t -> assertThat(t).contains("overall influence"));
  }

  @Test
  void noHistoryOrOnePointFallsBackToTheComponents() throws IOException {
    Summary mid = ChartFixtures.sample("mid_creator");
    Summary none = ChartFixtures.withHistory(mid, List.of());
    Summary one = ChartFixtures.withHistory(mid, List.of(new FollowerPoint(LocalDate.of(2026, 10, 1), 42_000)));
    Summary sameDay = ChartFixtures.withHistory(mid, List.of(new FollowerPoint(LocalDate.of(2026, 10, 1), 42_000),
        new FollowerPoint(LocalDate.of(2026, 10, 1), 42_100)));
    for (Summary s : List.of(none, one, sameDay)) {
      assertThat(Charts.historyChart(s, EN)).isEmpty();
      byte[] png = Charts.summaryChart(s, EN).orElseThrow();
      assertThat(png).isEqualTo(Charts.componentsChart(s, EN));
      assertPng(png, Charts.WIDTH, Charts.HEIGHT);
    }
    Summary two = ChartFixtures.withHistory(mid, List.of(new FollowerPoint(LocalDate.of(2026, 10, 1), 42_000),
        new FollowerPoint(LocalDate.of(2026, 10, 2), 42_000)));
    assertPng(Charts.historyChart(two, EN).orElseThrow(), Charts.WIDTH, Charts.HEIGHT);
  }

  @Test
  void nothingAssessedStillRendersEveryChart() throws IOException {
    Summary empty = nothingKnown(Handle.of("sample", "ghost"));
    JFreeChart components = ComponentsChart.build(empty, EN);
    assertThat(components.getCategoryPlot().getDataset().getColumnCount()).isEqualTo(5);
    ScoreBars bars = (ScoreBars) components.getCategoryPlot().getRenderer();
    for (int c = 0; c < 5; c++) {
      assertThat(bars.getDefaultItemLabelGenerator().generateLabel(null, 0, c)).isEqualTo("not assessed");
    }
    assertPng(Charts.summaryChart(empty, EN).orElseThrow(), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.compareChart(empty, ChartFixtures.sample("megastar"), FR), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.compareChart(empty, empty, EN), Charts.WIDTH, Charts.HEIGHT);
    assertPng(Charts.card(empty, FR), Charts.CARD_WIDTH, Charts.CARD_HEIGHT);
  }

  @Test
  void hostileNamesAreCleanedAndTruncatedAndStillRender() throws IOException {
    String emoji = "\uD83D\uDE00".repeat(200);
    String rtl = "\u202E\u200Fevil\u202Cגדול" + "\u0301".repeat(30) + "x".repeat(300);
    Summary base = ChartFixtures.sample("bought_5k");
    Summary hostile = ChartFixtures.renamed(base, Handle.of("mastodon", "a".repeat(180) + emoji),
        Optional.of(rtl + emoji));
    Summary emojiOnly = ChartFixtures.renamed(base, Handle.of("sample", emoji), Optional.of(emoji + "\u200D"));
    for (Summary s : List.of(hostile, emojiOnly)) {
      assertPng(Charts.summaryChart(s, EN).orElseThrow(), Charts.WIDTH, Charts.HEIGHT);
      assertPng(Charts.componentsChart(s, FR), Charts.WIDTH, Charts.HEIGHT);
      assertPng(Charts.compareChart(s, hostile, EN), Charts.WIDTH, Charts.HEIGHT);
      assertPng(Charts.card(s, EN), Charts.CARD_WIDTH, Charts.CARD_HEIGHT);
    }
    // kept for a look beside the sample charts
    java.nio.file.Path out = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "chart-samples"));
    java.nio.file.Files.write(out.resolve("hostile-summary.png"), Charts.summaryChart(hostile, EN).orElseThrow());
    java.nio.file.Files.write(out.resolve("hostile-card.png"), Charts.card(hostile, EN));
    java.nio.file.Files.write(out.resolve("hostile-compare.png"), Charts.compareChart(hostile, emojiOnly, EN));
    String title = ComponentsChart.build(hostile, EN).getTitle().getText();
    String visible = title.replaceAll("\\p{M}", ""); // combining marks (at most two a letter) take no room
    assertThat(visible.codePointCount(0, visible.length())).isLessThanOrEqualTo(
        ChartStyle.MAX_HANDLE + " · ".length() + ChartStyle.MAX_NAME);
    assertThat(title).startsWith("@aaaa").contains(SafeText.ELLIPSIS).contains("evilג")
        .contains("\u0301\u0301x").doesNotContain("\u0301\u0301\u0301")
        .doesNotContain("\u202E", "\u200F", "\u202C", "\u200D");
    assertThat(SafeText.width(title, ChartStyle.TITLE)).isLessThanOrEqualTo(ChartStyle.TITLE_WIDTH);
    String card = SummaryCard.build(hostile, EN).getTitle().getText();
    assertThat(card).startsWith("@aaa").endsWith(SafeText.ELLIPSIS);
    assertThat(SafeText.width(card, ChartStyle.CARD_HANDLE)).isLessThanOrEqualTo(SummaryCard.TEXT_WIDTH);
    assertThat(SummaryCard.build(emojiOnly, EN).getTitle().getText()).startsWith("@")
        .hasSizeLessThanOrEqualTo(2 * ChartStyle.MAX_HANDLE);
  }

  @Test
  void theJoinsChartMarksTheWavesInRedAndLabelsTheLargest() throws IOException {
    java.time.Instant now = java.time.Instant.parse("2026-03-01T12:00:00Z");
    var community = org.influencebot.core.members.SyntheticCommunity.build(3, now, 15, 300, List.of(
        org.influencebot.core.members.SyntheticCommunity.Burst.bought(10, 1200, 30)));
    var report = new org.influencebot.core.members.MemberAuditor().audit(community.members(), now);
    assertThat(report.waves()).hasSize(1);
    JFreeChart chart = JoinsChart.build(report, EN).orElseThrow();
    XYPlot plot = chart.getXYPlot();
    var waveBars = plot.getDataset().getItemCount(1);
    double red = 0;
    for (int i = 0; i < waveBars; i++) {
      red += plot.getDataset().getYValue(1, i);
    }
    assertThat(red).as("the bought wave's day is the red bar").isGreaterThanOrEqualTo(1200);
    assertThat(labels(plot)).singleElement().asString().startsWith("+" + EN.number(report.waves().get(0).size()))
        .endsWith("on 19 Feb, 100% bought");
    assertThat(subtitles(chart)).anySatisfy(t -> assertThat(t).contains("one join wave, coloured"));
    assertThat(JoinsChart.build(report, FR).orElseThrow().getTitle().getText()).startsWith("Arrivées");
    byte[] png = Charts.joinsChart(report, EN).orElseThrow();
    assertPng(png, Charts.WIDTH, Charts.HEIGHT);
    assertThat(png).isEqualTo(Charts.joinsChart(report, EN).orElseThrow());
  }

  @Test
  void anOrganicBurstIsNeverDrawnAsBought() {
    java.time.Instant now = java.time.Instant.parse("2026-03-01T12:00:00Z");
    var community = org.influencebot.core.members.SyntheticCommunity.build(5, now, 15, 300, List.of(
        org.influencebot.core.members.SyntheticCommunity.Burst.organic(20, 900, 180)));
    var report = new org.influencebot.core.members.MemberAuditor().audit(community.members(), now);
    assertThat(report.waves()).hasSize(1);
    XYPlot plot = JoinsChart.build(report, EN).orElseThrow().getXYPlot();
    double red = 0;
    double amber = 0;
    for (int i = 0; i < plot.getDataset().getItemCount(1); i++) {
      red += plot.getDataset().getYValue(1, i);
      amber += plot.getDataset().getYValue(2, i);
    }
    assertThat(red).isZero();
    assertThat(amber).isGreaterThanOrEqualTo(900);
    assertThat(labels(plot)).singleElement().asString().endsWith(", 0% bought");
  }

  @Test
  void joinsOverMoreThanAYearAreWeeksAndNoJoinDateIsNoChart() {
    java.time.Instant now = java.time.Instant.parse("2026-03-01T12:00:00Z");
    var community = org.influencebot.core.members.SyntheticCommunity.build(4, now, 5, 800, List.of());
    var report = new org.influencebot.core.members.MemberAuditor().audit(community.members(), now);
    JFreeChart chart = JoinsChart.build(report, EN).orElseThrow();
    assertThat(chart.getXYPlot().getRangeAxis().getLabel()).isEqualTo("Joins per week");
    int bars = chart.getXYPlot().getDataset().getItemCount(0);
    assertThat(bars).isEqualTo((report.joins().counts().length + 6) / 7);
    var unknown = new org.influencebot.core.members.MemberAuditor().audit(List.of(
        new org.influencebot.core.members.Member("1", null, null, true, false, null)), now);
    assertThat(Charts.joinsChart(unknown, EN)).isEmpty();
  }

  private static void assertPng(byte[] png, int width, int height) throws IOException {
    assertThat(png).startsWith(PNG_SIGNATURE);
    assertThat(png.length).isLessThan(MAX_BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
  }

  private static List<String> labels(XYPlot plot) {
    return plot.getAnnotations().stream().filter(XYTextAnnotation.class::isInstance)
        .map(a -> ((XYTextAnnotation) a).getText()).toList();
  }

  private static List<String> subtitles(JFreeChart chart) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < chart.getSubtitleCount(); i++) {
      Title t = chart.getSubtitle(i);
      if (t instanceof TextTitle text) {
        out.add(text.getText());
      }
    }
    return out;
  }

  /** A summary where nothing could be assessed and no follower count is known. */
  private static Summary nothingKnown(Handle handle) {
    List<Component> components = java.util.Arrays.stream(Component.Kind.values())
        .map(k -> new Component(k, OptionalInt.empty(), 0.2, Text.of(k.key() + ".none", 5))).toList();
    List<Signal> signals = java.util.Arrays.stream(Signal.Kind.values())
        .map(k -> Signal.notAssessed(k, 0.2, Text.of("signal.account.unknown"))).toList();
    InfluenceScore influence = new InfluenceScore(OptionalInt.empty(), components, OptionalLong.empty(),
        OptionalLong.empty());
    Authenticity authenticity = new Authenticity(OptionalInt.empty(), Verdict.NOT_ENOUGH_EVIDENCE, Confidence.LOW,
        signals, List.of("input.followers"), Optional.empty(), List.of());
    return new Summary(handle, Optional.empty(), influence, authenticity, List.of(), 0, 0, "sample", "rules",
        java.time.Instant.EPOCH);
  }
}
