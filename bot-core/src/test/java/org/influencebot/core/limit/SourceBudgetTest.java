package org.influencebot.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SampleSource;
import org.influencebot.core.source.SourceException;
import org.junit.jupiter.api.Test;

class SourceBudgetTest {
  private final AtomicLong nanos = new AtomicLong(1);
  private final AtomicInteger calls = new AtomicInteger();
  private final MetricsSource counting = new MetricsSource() {
    private final SampleSource sample = new SampleSource();

    @Override
    public String name() {
      return "mastodon";
    }

    @Override
    public boolean serves(String network) {
      return true;
    }

    @Override
    public java.util.concurrent.CompletableFuture<org.influencebot.core.account.Account> fetch(Handle handle) {
      calls.incrementAndGet();
      return sample.fetch(Handle.unqualified("small_person"));
    }
  };

  /** Mastodon: 300 requests per 5 minutes per server; one lookup costs 3. */
  private final SourceBudget budget = new SourceBudget(counting, 300, Duration.ofMinutes(5), 3,
      h -> h.name().substring(h.name().indexOf('@') + 1), nanos::get);

  @Test
  void lookupsPastTheSourcesQuotaAreRefusedWithTheWaitAndNeverSent() {
    for (int i = 0; i < 100; i++) {
      assertThat(budget.fetch(Handle.of("mastodon", "u" + i + "@mastodon.social")).join()).isNotNull();
    }
    Throwable refused = budget.fetch(Handle.of("mastodon", "one.more@mastodon.social"))
        .handle((a, e) -> e).join();
    assertThat(refused).isInstanceOfSatisfying(SourceException.class, e -> {
      assertThat(e.kind()).isEqualTo(SourceException.Kind.RATE_LIMITED);
      assertThat(e.userMessage().key()).isEqualTo("source.budget");
      assertThat((long) e.userMessage().args().get(1)).isBetween(1L, 5L);
    });
    assertThat(calls).hasValue(100);
    // Another server has its own quota.
    assertThat(budget.fetch(Handle.of("mastodon", "u@other.example")).join()).isNotNull();
    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    assertThat(budget.fetch(Handle.of("mastodon", "one.more@mastodon.social")).join()).isNotNull();
  }

  @Test
  void aBudgetThatCannotPayForOneLookupIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
        new SourceBudget(counting, 2, Duration.ofMinutes(5), 3, h -> "x", nanos::get))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
