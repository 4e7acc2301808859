package org.influencebot.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.http.TestRuntime;
import org.junit.jupiter.api.Test;

/** Two services (two processes of the bot) behind one shared second level. */
class SecondLevelCacheTest {
  /** The second level as a map, as Redis would hold it (expiry is the services' own concern here). */
  static class MapSummaries implements SharedSummaries {
    final Map<Handle, Summary> entries = new ConcurrentHashMap<>();
    volatile boolean down;

    @Override
    public CompletableFuture<Optional<Summary>> get(Handle key) {
      return CompletableFuture.completedFuture(down ? Optional.empty() : Optional.ofNullable(entries.get(key)));
    }

    @Override
    public void put(Handle key, Summary summary, Duration timeToLive) {
      if (!down) {
        entries.put(key, summary);
      }
    }

    @Override
    public void invalidate(Handle key) {
      entries.remove(key);
    }
  }

  private static final Instant START = Instant.parse("2026-11-01T12:00:00Z");
  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final TestRuntime.MutableClock clock = new TestRuntime.MutableClock(START);
  private final MapSummaries shared = new MapSummaries();
  private final InfluenceServiceTest.FakeSource sourceA = new InfluenceServiceTest.FakeSource();
  private final InfluenceServiceTest.FakeSource sourceB = new InfluenceServiceTest.FakeSource();
  private final InfluenceService a = service(sourceA);
  private final InfluenceService b = service(sourceB);

  private InfluenceService service(InfluenceServiceTest.FakeSource source) {
    return new InfluenceService(source, new Analyzer(new RuleFakeScorer(START), clock), Runnable::run, ticker, clock,
        new InfluenceService.Options(Duration.ofHours(6), Duration.ofHours(1), Duration.ofMinutes(5), 100,
            Duration.ofDays(7), "sample"), ScoreHistory.none(), shared);
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    clock.advance(d);
  }

  @Test
  void aSummaryComputedByOneProcessIsServedByTheOtherFromTheSharedLevel() {
    Lookup computed = a.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(10));
    Lookup served = b.summary(Handle.unqualified("JO")).join();

    assertThat(computed.fromCache()).isFalse();
    assertThat(served.fromCache()).isTrue();
    assertThat(served.summary()).isEqualTo(computed.summary());
    assertThat(served.age(clock)).isEqualTo(Duration.ofMinutes(10));
    assertThat(sourceB.calls).hasValue(0);
    assertThat(b.sharedStats()).isEqualTo(new InfluenceService.SharedStats(1, 0));
    assertThat(a.sharedStats()).isEqualTo(new InfluenceService.SharedStats(0, 1));
  }

  @Test
  void aSharedSummaryIsRefreshedWhenItIsARefreshOldCountedFromWhenItWasComputed() {
    a.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(50));
    b.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(11)); // 61 minutes after it was computed, 11 after B first served it

    Lookup stillServed = b.summary(Handle.unqualified("jo")).join();

    assertThat(stillServed.age(clock)).isEqualTo(Duration.ofMinutes(61));
    assertThat(sourceB.calls).as("B recomputes in the background").hasValue(1);
    Lookup fresh = b.summary(Handle.unqualified("jo")).join();
    assertThat(fresh.age(clock)).isZero();
    assertThat(shared.entries.get(Handle.of("sample", "jo")).computedAt()).isEqualTo(clock.instant());
  }

  @Test
  void anOldSharedSummaryIsServedAtOnceAndRecomputedBehind() {
    a.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(90));

    Lookup served = b.summary(Handle.unqualified("jo")).join();

    assertThat(served.fromCache()).isTrue();
    assertThat(served.age(clock)).isEqualTo(Duration.ofMinutes(90));
    assertThat(sourceB.calls).hasValue(1);
    assertThat(b.summary(Handle.unqualified("jo")).join().age(clock)).isZero();
  }

  @Test
  void aSummaryFromTheSharedLevelExpiresWhenItsComputedTimeSays() {
    a.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(30));
    b.summary(Handle.unqualified("jo")).join();
    shared.entries.clear();
    advance(Duration.ofHours(5).plusMinutes(31)); // 6 h 1 min after it was computed

    Lookup after = b.summary(Handle.unqualified("jo")).join();

    assertThat(after.fromCache()).isFalse();
    assertThat(after.age(clock)).isZero();
  }

  @Test
  void theRefreshButtonRecomputesWhateverTheSharedLevelHolds() {
    a.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(5));

    Lookup refreshed = b.refresh(Handle.unqualified("jo")).join();

    assertThat(refreshed.fromCache()).isFalse();
    assertThat(sourceB.calls).hasValue(1);
    assertThat(shared.entries.get(Handle.of("sample", "jo")).computedAt()).isEqualTo(clock.instant());
  }

  @Test
  void withoutTheSharedLevelEachProcessComputesForItself() {
    shared.down = true;
    a.summary(Handle.unqualified("jo")).join();
    Lookup b1 = b.summary(Handle.unqualified("jo")).join();

    assertThat(b1.fromCache()).isFalse();
    assertThat(sourceA.calls).hasValue(1);
    assertThat(sourceB.calls).hasValue(1);
    assertThat(b.summary(Handle.unqualified("jo")).join().fromCache()).isTrue();
  }

  @Test
  void aRefreshReturnsTheNewSummaryEvenWhenALookupReadsTheSharedLevelMeanwhile() {
    java.util.concurrent.atomic.AtomicReference<InfluenceService> self = new java.util.concurrent.atomic.AtomicReference<>();
    MapSummaries racing = new MapSummaries() {
      @Override
      public void invalidate(Handle key) {
        // Redis's delete is not awaited: a lookup arriving now still reads the old summary there.
        self.get().summary(key).join();
        super.invalidate(key);
      }
    };
    InfluenceService service = new InfluenceService(sourceA, new Analyzer(new RuleFakeScorer(START), clock), Runnable::run,
        ticker, clock, new InfluenceService.Options(Duration.ofHours(6), Duration.ofHours(1), Duration.ofMinutes(5), 100,
            Duration.ofDays(7), "sample"), ScoreHistory.none(), racing);
    self.set(service);
    Handle jo = Handle.unqualified("jo");
    Summary old = service.summary(jo).join().summary();
    advance(Duration.ofMinutes(10));

    Lookup refreshed = service.refresh(jo).join();

    assertThat(refreshed.summary().computedAt()).as("computed now, not the old one").isEqualTo(clock.instant())
        .isAfter(old.computedAt());
    assertThat(service.summary(jo).join().summary()).isEqualTo(refreshed.summary());
    assertThat(racing.entries.get(service.normalize(jo))).as("shared").isEqualTo(refreshed.summary());
  }
}
