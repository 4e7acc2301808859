package org.influencebot.telegram;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Watches the poller's getUpdates answers: TelegramBots logs a 409 Conflict (another poller) or a 401
 * (token revoked while running) and polls again forever, so this counts them and calls
 * {@code onConflict} or {@code onRevoked} once, after {@code threshold} of the same in a row (a
 * successful poll, or the other refusal, starts the count again).
 */
final class ConflictWatch implements Interceptor {
  private final int threshold;
  private final Runnable onConflict;
  private final Runnable onRevoked;
  private final AtomicInteger inARow = new AtomicInteger();
  /** The refusal being counted (409 or 401), or 0. */
  private final AtomicInteger counting = new AtomicInteger();
  private final AtomicBoolean fired = new AtomicBoolean();

  ConflictWatch(int threshold, Runnable onConflict, Runnable onRevoked) {
    this.threshold = threshold;
    this.onConflict = onConflict;
    this.onRevoked = onRevoked;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String path = chain.request().url().encodedPath().toLowerCase(Locale.ROOT);
    if (path.endsWith("/getupdates")) {
      if (response.code() == 409 || response.code() == 401) {
        // Polls follow one another: one answer at a time reaches here.
        int count = counting.getAndSet(response.code()) == response.code() ? inARow.incrementAndGet() : reset(1);
        if (count >= threshold && fired.compareAndSet(false, true)) {
          (response.code() == 409 ? onConflict : onRevoked).run();
        }
      } else if (response.isSuccessful()) {
        counting.set(0);
        reset(0);
      }
    }
    return response;
  }

  private int reset(int to) {
    inARow.set(to);
    return to;
  }

  int inARow() {
    return inARow.get();
  }
}
