package org.influencebot.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.account.Account;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.text.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InfluenceServiceTest {
  /** A source whose answers the test controls, counting calls. */
  static final class FakeSource implements MetricsSource {
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;
    volatile CompletableFuture<Account> pending;

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public boolean serves(String network) {
      return true;
    }

    @Override
    public CompletableFuture<Account> fetch(Handle handle) {
      calls.incrementAndGet();
      if (pending != null) {
        return pending;
      }
      if (down) {
        return CompletableFuture.failedFuture(new SourceException("fake", SourceException.Kind.UNAVAILABLE,
            Text.of("source.down.generic"), "down"));
      }
      if (handle.name().equals("nobody")) {
        return CompletableFuture.failedFuture(new AccountNotFoundException(handle, "fake"));
      }
      return CompletableFuture.completedFuture(SampleAccounts.all().get(2).toBuilder().handle(handle.name()).build());
    }
  }

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final FakeSource source = new FakeSource();
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-01T12:00:00Z"), ZoneOffset.UTC);
  private final InfluenceService service = new InfluenceService(source,
      new Analyzer(new RuleFakeScorer(clock.instant()), clock), Runnable::run, ticker, clock,
      new InfluenceService.Options(Duration.ofHours(6), Duration.ofHours(1), Duration.ofMinutes(5), 100,
          Duration.ofDays(7), "sample"));

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void secondRequestIsServedFromCache() {
    Lookup first = service.summary(Handle.unqualified("jo")).join();
    Lookup second = service.summary(Handle.unqualified("JO")).join();
    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isTrue();
    assertThat(source.calls).hasValue(1);
  }

  @Test
  void concurrentRequestsForOneHandleComputeOnce() throws Exception {
    source.pending = new CompletableFuture<>();
    List<CompletableFuture<CompletableFuture<Lookup>>> asks = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      asks.add(CompletableFuture.supplyAsync(() -> service.summary(Handle.unqualified("jo")), executor));
    }
    List<CompletableFuture<Lookup>> lookups = asks.stream().map(CompletableFuture::join).toList();
    source.pending.complete(SampleAccounts.all().get(2));
    for (CompletableFuture<Lookup> l : lookups) {
      assertThat(l.join().summary().handle().name()).isEqualTo("jo");
    }
    assertThat(source.calls).hasValue(1);
  }

  @Test
  void afterRefreshTimeTheOldSummaryIsServedWhileANewOneIsComputed() {
    service.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofMinutes(61));
    Lookup served = service.summary(Handle.unqualified("jo")).join();
    assertThat(served.fromCache()).isTrue();
    assertThat(source.calls).hasValue(2);
  }

  @Test
  void expiredSummariesAreRecomputed() {
    service.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofHours(7));
    assertThat(service.summary(Handle.unqualified("jo")).join().fromCache()).isFalse();
  }

  @Test
  void notFoundIsRememberedBriefly() {
    assertThatThrownBy(() -> service.summary(Handle.unqualified("nobody")).join())
        .hasCauseInstanceOf(AccountNotFoundException.class);
    assertThatThrownBy(() -> service.summary(Handle.unqualified("nobody")).join())
        .hasCauseInstanceOf(AccountNotFoundException.class);
    assertThat(source.calls).hasValue(1);
    advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> service.summary(Handle.unqualified("nobody")).join()).isInstanceOf(CompletionException.class);
    assertThat(source.calls).hasValue(2);
  }

  @Test
  void whenTheSourceFailsTheLastSummaryIsServedStale() {
    service.summary(Handle.unqualified("jo")).join();
    advance(Duration.ofHours(7));
    source.down = true;
    Lookup stale = service.summary(Handle.unqualified("jo")).join();
    assertThat(stale.stale()).isTrue();
    assertThat(stale.staleReason()).contains(Text.of("source.down.generic"));
    assertThat(stale.freshness(clock).key()).isEqualTo("freshness.stale");
  }

  @Test
  void withoutAnEarlierSummaryASourceFailureIsAnError() {
    source.down = true;
    assertThatThrownBy(() -> service.summary(Handle.unqualified("jo")).join())
        .hasCauseInstanceOf(SourceException.class);
  }

  @Test
  void statisticsCountHitsAndMisses() {
    service.summary(Handle.unqualified("jo")).join();
    service.summary(Handle.unqualified("jo")).join();
    assertThat(service.stats().hitCount()).isEqualTo(1);
    assertThat(service.stats().missCount()).isEqualTo(1);
  }
}
