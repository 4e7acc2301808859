package org.influencebot.telegram;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Ordering: a lane's replies (a chat's, or a user's inline messages') go out in the order their
 * messages came, even when a later lookup finishes first, and an error too; a reply waits at most
 * {@link #ORDER_WAIT} for the one before it.
 */
final class ReplyOrder {
  static final Duration ORDER_WAIT = Duration.ofSeconds(30);

  /** Per lane, the reply that must go out before the next one. */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
  private final Executor work;

  ReplyOrder(Executor work) {
    this.work = work;
  }

  /** Sends {@code reply} with {@code send} once the lane's reply before it went; {@code onFailure} says a failure. */
  <T> void inOrder(String lane, CompletableFuture<T> reply, Consumer<T> send, Consumer<Throwable> onFailure) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> before = tails.put(lane, mine);
    CompletableFuture<Void> turn = before == null ? CompletableFuture.completedFuture(null)
        : before.copy().completeOnTimeout(null, ORDER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // thenCombine runs once both are complete, a failed reply too: an error never overtakes earlier replies
    // (UpdateRouterTest.anErrorWaitsForTheRepliesBeforeItInItsChat).
    reply.thenCombine(turn, (r, ignored) -> r)
        .thenAcceptAsync(send, work)
        .whenComplete((ignored, error) -> {
          if (error != null) {
            onFailure.accept(error);
          }
          mine.complete(null);
          tails.remove(lane, mine);
        });
  }
}
