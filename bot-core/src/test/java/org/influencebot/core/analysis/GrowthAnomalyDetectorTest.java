package org.influencebot.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.influencebot.core.account.FollowerPoint;
import org.junit.jupiter.api.Test;

class GrowthAnomalyDetectorTest {
  @Test
  void theSlidingWindowGivesTheSameMedianAndDeviationAsSortingEveryDay() {
    Random random = new Random(7);
    GrowthAnomalyDetector.SortedWindow window = new GrowthAnomalyDetector.SortedWindow(GrowthAnomalyDetector.WINDOW);
    List<Double> kept = new ArrayList<>();
    for (int day = 0; day < 2_000; day++) {
      double v = random.nextInt(5) == 0 ? random.nextInt(20) : Math.round(random.nextGaussian() * 50) / 2.0;
      if (kept.size() == GrowthAnomalyDetector.WINDOW) {
        window.remove(kept.remove(0));
      }
      kept.add(v);
      window.add(v);
      double[] values = kept.stream().mapToDouble(Double::doubleValue).toArray();
      double median = GrowthAnomalyDetector.median(values);
      assertThat(window.median()).isEqualTo(median);
      assertThat(window.medianAbsoluteDeviation(median))
          .isEqualTo(GrowthAnomalyDetector.medianAbsoluteDeviation(values, median));
    }
  }

  @Test
  void packsAreFoundOnNoisyHistoriesOfEverySize() {
    Random random = new Random(11);
    for (int run = 0; run < 200; run++) {
      long followers = 100 + random.nextInt(100_000);
      double mean = followers / 1000.0;
      int packDay = 40 + random.nextInt(300);
      List<FollowerPoint> h = new ArrayList<>();
      for (int day = 0; day < 365; day++) {
        followers += Math.max(0, Math.round(mean + Math.sqrt(mean + 1) * random.nextGaussian()));
        if (day == packDay) {
          followers += 5_000;
        }
        h.add(new FollowerPoint(LocalDate.of(2025, 1, 1).plusDays(day), followers));
      }
      List<GrowthAnomaly> found = GrowthAnomalyDetector.detect(h);
      assertThat(found).as("run %d", run).anySatisfy(a -> assertThat(a.date()).isEqualTo(h.get(packDay).at()));
      assertThat(Arrays.asList(found.toArray())).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void aGapCountsTheBaselineOfEveryDayItCovers() {
    List<FollowerPoint> h = new ArrayList<>();
    LocalDate day = LocalDate.of(2025, 1, 1);
    long followers = 10_000;
    for (int i = 0; i < 40; i++) {
      h.add(new FollowerPoint(day, followers));
      day = day.plusDays(1);
      followers += 100;
    }
    // Five days unseen, in which 500 came as usual and a pack of 5,000 was bought.
    day = day.plusDays(4);
    followers += 400 + 5_000;
    h.add(new FollowerPoint(day, followers));
    for (int i = 0; i < 10; i++) {
      day = day.plusDays(1);
      followers += 100;
      h.add(new FollowerPoint(day, followers));
    }

    List<GrowthAnomaly> found = GrowthAnomalyDetector.detect(h);

    assertThat(found).singleElement().satisfies(a -> {
      assertThat(a.days()).isEqualTo(5);
      assertThat(a.gain()).isEqualTo(5_500);
      assertThat(a.excess()).as("5,500 less 5 days of 100").isEqualTo(5_000);
      assertThat(a.roundPack()).isTrue();
    });
    assertThat(AudienceAuditor.inJumps(h, found)).as("what the audit counts as bought").isEqualTo(5_000);
  }

  @Test
  void aShrinkingBaselineAddsNothingToTheExcess() {
    assertThat(new GrowthAnomaly(LocalDate.of(2025, 1, 1), 3, 1_000, -20, 50, false).excess()).isEqualTo(1_000);
  }
}
