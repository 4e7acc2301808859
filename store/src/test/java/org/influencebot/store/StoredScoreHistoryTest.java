package org.influencebot.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.analysis.Trend;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.SampleSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredScoreHistoryTest {
  @TempDir
  Path dir;

  @Test
  void everyComputedSummaryIsRecordedAndLaterSummariesShowTheTrendAfterARestart() {
    AtomicLong nanos = new AtomicLong();
    Clock first = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
    Clock later = Clock.offset(first, Duration.ofDays(10));
    Executor direct = Runnable::run;

    try (Store store = Store.open(new StoreLocation.SqliteFile(dir), StoreOptions.standard(first))) {
      InfluenceService service = new InfluenceService(new SampleSource(),
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), first), direct, nanos::get, first,
          InfluenceService.Options.defaults(), new StoredScoreHistory(store.history()));
      Summary s = service.summary(Handle.unqualified("mid_creator")).join().summary();
      assertThat(s.trend()).isEmpty();
      assertThat(store.history().pointsSince("sample", "mid_creator", first.instant().minusSeconds(1))).hasSize(1);
    }

    try (Store store = Store.open(new StoreLocation.SqliteFile(dir), StoreOptions.standard(later))) {
      InfluenceService service = new InfluenceService(new SampleSource(),
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), later), direct, nanos::get, later,
          InfluenceService.Options.defaults(), new StoredScoreHistory(store.history()));
      Summary s = service.summary(Handle.unqualified("mid_creator")).join().summary();
      assertThat(s.trend()).contains(new Trend(0, 0, 10));
      assertThat(store.history().pointsSince("sample", "mid_creator", first.instant().minusSeconds(1))).hasSize(2);
    }
  }

  @Test
  void anUnchangedSummaryAskedAgainTheSameDayShowsNoTrend() {
    Clock first = Clock.fixed(SampleAccounts.OBSERVED, ZoneOffset.UTC);
    Clock hourLater = Clock.offset(first, Duration.ofHours(1));
    Executor direct = Runnable::run;
    try (Store store = Store.open(new StoreLocation.SqliteFile(dir), StoreOptions.standard(first))) {
      StoredScoreHistory history = new StoredScoreHistory(store.history());
      Summary s = new InfluenceService(new SampleSource(), new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), first),
          direct, new AtomicLong()::get, first, InfluenceService.Options.defaults(), history)
          .summary(Handle.unqualified("mid_creator")).join().summary();
      Summary again = new InfluenceService(new SampleSource(),
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), hourLater), direct, new AtomicLong()::get, hourLater,
          InfluenceService.Options.defaults(), history).summary(Handle.unqualified("mid_creator")).join().summary();
      assertThat(again.influence().score()).isEqualTo(s.influence().score());
      assertThat(again.trend()).as("+0, +0 in less than a day says nothing").isEmpty();
      assertThat(store.history().pointsSince("sample", "mid_creator", first.instant().minusSeconds(1))).hasSize(2);
    }
  }
}
