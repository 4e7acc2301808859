package org.influencebot.discord;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The threads and the HTTP client the Discord adapter gives JDA, sized for a burst of interactions:
 * each interaction is answered by its own REST call (its own rate-limit bucket), so 200 interactions at
 * once mean up to 200 calls to one host at once.
 */
final class DiscordHttp {
  /** Calls to Discord in flight at once (JDA's own default allows 25 per host, OkHttp's 5). */
  static final int MAX_CALLS_PER_HOST = 256;
  /**
   * Idle connections kept, so that a burst does not open (and, on TLS, handshake) a connection per call: as many
   * as calls may be in flight. Over HTTP/1.1 each call in flight holds its own connection for a round trip; with
   * 64 kept, bursts after the first still opened up to 80 new ones (a burst of 200 with a 100 ms round trip
   * holds about 100 at once; docs/performance.md, "Bursts against a separate Discord").
   */
  static final int IDLE_CONNECTIONS = MAX_CALLS_PER_HOST;

  private DiscordHttp() {}

  static OkHttpClient.Builder clientBuilder() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(MAX_CALLS_PER_HOST);
    dispatcher.setMaxRequestsPerHost(MAX_CALLS_PER_HOST);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES));
  }

  /** A fixed pool of daemon threads named {@code prefix1}, {@code prefix2}… */
  static ExecutorService pool(String prefix, int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }
}
