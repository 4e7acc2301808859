package org.influencebot.core.source;

import java.util.concurrent.CompletableFuture;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;

/**
 * Where account metrics come from: the built-in sample, a dataset file, a moderator's HTTP service,
 * Bluesky or Mastodon. A lookup completes with the account, with {@link AccountNotFoundException} when
 * the source does not know the handle, or with {@link SourceException} when the source failed; it never
 * blocks the caller.
 */
public interface MetricsSource {
  /** A short name shown to users and moderators: {@code sample}, {@code bluesky}, … */
  String name();

  /** Whether this source can look up handles on {@code network}. */
  boolean serves(String network);

  CompletableFuture<Account> fetch(Handle handle);

  /** The name of the source that answers for {@code handle}: a router names the one it routes to. */
  default String nameFor(Handle handle) {
    return name();
  }
}
