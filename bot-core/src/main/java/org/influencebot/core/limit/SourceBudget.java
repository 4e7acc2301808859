package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.text.Text;

/**
 * Protects a source's quota (Mastodon allows 300 requests per 5 minutes from one address): each
 * lookup takes the requests it will cost from a token bucket per quota holder (a Mastodon server,
 * say) before it is sent; past the budget users are told when to try again, instead of the bot being
 * locked out by the source.
 */
public final class SourceBudget implements MetricsSource {
  private final MetricsSource source;
  private final int requestsPerLookup;
  private final Function<Handle, String> quotaHolder;
  private final BucketConfiguration budget;
  private final Buckets buckets;

  /**
   * @param requests how many requests the source allows per {@code window}
   * @param requestsPerLookup what one lookup costs at most, with the configured sample budgets
   * @param quotaHolder whose quota a handle's lookup uses (for Mastodon, the account's server)
   */
  public SourceBudget(MetricsSource source, int requests, Duration window, int requestsPerLookup,
      Function<Handle, String> quotaHolder, Ticker ticker) {
    this(source, requests, window, requestsPerLookup, quotaHolder, new LocalBuckets(ticker, 10_000));
  }

  /** As above, with the budgets held in {@code buckets} (in Redis, one budget for every process). */
  public SourceBudget(MetricsSource source, int requests, Duration window, int requestsPerLookup,
      Function<Handle, String> quotaHolder, Buckets buckets) {
    if (requestsPerLookup < 1 || requests < requestsPerLookup) {
      throw new IllegalArgumentException("a budget of " + requests + " requests cannot pay for one lookup of "
          + requestsPerLookup);
    }
    this.source = source;
    this.requestsPerLookup = requestsPerLookup;
    this.quotaHolder = quotaHolder;
    this.budget = BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, window).build())
        .build();
    this.buckets = buckets;
  }

  @Override
  public String name() {
    return source.name();
  }

  @Override
  public String nameFor(Handle handle) {
    return source.nameFor(handle);
  }

  @Override
  public boolean serves(String network) {
    return source.serves(network);
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    ConsumptionProbe probe = buckets.tryConsume("budget:" + source.name() + ":" + quotaHolder.apply(handle), budget,
        requestsPerLookup);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      return CompletableFuture.failedFuture(new SourceException(source.name(), SourceException.Kind.RATE_LIMITED,
          Text.of("source.budget", source.name(), seconds), "own request budget used up for " + quotaHolder.apply(handle)));
    }
    return source.fetch(handle);
  }
}
