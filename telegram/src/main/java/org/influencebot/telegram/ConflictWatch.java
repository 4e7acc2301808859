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
 * {@code onConflict} or {@code onRevoked} once, after {@code threshold} in a row.
 */
final class ConflictWatch implements Interceptor {
  private final int threshold;
  private final Runnable onConflict;
  private final Runnable onRevoked;
  private final AtomicInteger inARow = new AtomicInteger();
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
        if (inARow.incrementAndGet() >= threshold && fired.compareAndSet(false, true)) {
          (response.code() == 409 ? onConflict : onRevoked).run();
        }
      } else if (response.isSuccessful()) {
        inARow.set(0);
      }
    }
    return response;
  }

  int inARow() {
    return inARow.get();
  }
}
