package org.influencebot.core.source.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.SourceException;

/**
 * Runs a source's blocking work on the executor it was given, so that no caller thread blocks, and turns
 * any unexpected failure of parsing code into a {@code BAD_RESPONSE} rather than a crash.
 */
public final class AsyncFetch {
  private AsyncFetch() {}

  public static <T> CompletableFuture<T> run(Executor executor, SourceErrors errors, Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(() -> {
        try {
          return work.get();
        } catch (SourceException | AccountNotFoundException e) {
          throw e;
        } catch (RuntimeException | StackOverflowError e) {
          throw errors.badResponse("could not read the answer: " + e.getClass().getSimpleName());
        }
      }, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(errors.unavailable("the bot is too busy to ask right now", e));
    }
  }
}
