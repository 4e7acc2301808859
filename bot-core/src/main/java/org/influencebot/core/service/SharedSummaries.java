package org.influencebot.core.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.analysis.Summary;
import org.influencebot.core.handle.Handle;

/**
 * The second cache level: summaries shared by every process of the bot (in Redis), behind each
 * process's own Caffeine cache. A summary carries the time it was computed, so its age and its
 * refresh stay right whichever process computed it.
 *
 * <p>Implementations never fail a lookup: when the shared store cannot be reached, {@link #get}
 * completes empty and {@link #put} does nothing, and the bot carries on with its first level.
 */
public interface SharedSummaries {
  /** The summary another process (or this one) stored for {@code key}, if any. Never completes exceptionally. */
  CompletableFuture<Optional<Summary>> get(Handle key);

  /** Shares a freshly computed summary for {@code timeToLive}; best effort. */
  void put(Handle key, Summary summary, Duration timeToLive);

  /** Forgets {@code key} everywhere (the refresh button); best effort. */
  void invalidate(Handle key);

  /** No second level: the embedded default. */
  static SharedSummaries none() {
    return None.INSTANCE;
  }

  /** The no-op level. */
  enum None implements SharedSummaries {
    INSTANCE;

    @Override
    public CompletableFuture<Optional<Summary>> get(Handle key) {
      return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public void put(Handle key, Summary summary, Duration timeToLive) {}

    @Override
    public void invalidate(Handle key) {}
  }
}
