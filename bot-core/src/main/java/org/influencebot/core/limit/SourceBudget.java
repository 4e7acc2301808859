package org.influencebot.core.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
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
  private final int requests;
  private final Duration window;
  private final Function<Handle, String> quotaHolder;
  private final TimeMeter time;
  private final Cache<String, Bucket> buckets;

  /**
   * @param requests how many requests the source allows per {@code window}
   * @param requestsPerLookup what one lookup costs at most, with the configured sample budgets
   * @param quotaHolder whose quota a handle's lookup uses (for Mastodon, the account's server)
   */
  public SourceBudget(MetricsSource source, int requests, Duration window, int requestsPerLookup,
      Function<Handle, String> quotaHolder, Ticker ticker) {
    if (requestsPerLookup < 1 || requests < requestsPerLookup) {
      throw new IllegalArgumentException("a budget of " + requests + " requests cannot pay for one lookup of "
          + requestsPerLookup);
    }
    this.source = source;
    this.requests = requests;
    this.window = window;
    this.requestsPerLookup = requestsPerLookup;
    this.quotaHolder = quotaHolder;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return ticker.read();
      }

      @Override
      public boolean isWallClockBased() {
        return false;
      }
    };
    this.buckets = Caffeine.newBuilder().expireAfterAccess(window.multipliedBy(2)).maximumSize(10_000).ticker(ticker).build();
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
    Bucket bucket = buckets.get(quotaHolder.apply(handle), k -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(requests).refillGreedy(requests, window).build())
        .withCustomTimePrecision(time)
        .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(requestsPerLookup);
    if (!probe.isConsumed()) {
      long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
      return CompletableFuture.failedFuture(new SourceException(source.name(), SourceException.Kind.RATE_LIMITED,
          Text.of("source.budget", source.name(), seconds), "own request budget used up for " + quotaHolder.apply(handle)));
    }
    return source.fetch(handle);
  }
}
