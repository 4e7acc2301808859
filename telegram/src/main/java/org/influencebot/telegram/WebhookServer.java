package org.influencebot.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.influencebot.core.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives Telegram's webhook posts: checks the secret token (in constant time) on every request,
 * reads the body as TelegramBots' {@link Update}, acknowledges at once and hands the update to the
 * same consumer long polling feeds. Telegram sends an update again only when it got no 2xx, so an
 * update acknowledged here is never delivered to another replica.
 *
 * <p>The JDK's own HTTP server ({@code jdk.httpserver}) is enough for one POST endpoint behind a
 * reverse proxy that terminates TLS: no dependency is added for it.
 */
final class WebhookServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  /** Telegram's updates are a few kilobytes; anything much larger is not from Telegram. */
  static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ThreadPoolExecutor threads;
  private final byte[] secret;
  private final LongPollingUpdateConsumer consumer;
  private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final LongAdder accepted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final LongAdder turnedAway = new LongAdder();
  private final String path;
  private final RefusalWarning refusals;

  private WebhookServer(WebhookOptions options, LongPollingUpdateConsumer consumer, int queueSize, LongSupplier nanoTime,
      Messages operator) throws IOException {
    this.secret = options.secretToken().getBytes(StandardCharsets.UTF_8);
    this.consumer = consumer;
    this.path = options.path();
    this.refusals = new RefusalWarning(nanoTime, operator, LOG);
    AtomicInteger n = new AtomicInteger();
    // Past the queue the connection is dropped without a 2xx: Telegram sends the update again later.
    this.threads = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueSize), r -> {
      Thread t = new Thread(r, "telegram-webhook-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }, (request, pool) -> {
      // The JDK's server closes the connection when its executor refuses: no 2xx, so Telegram sends it again.
      turnedAway.increment();
      throw new java.util.concurrent.RejectedExecutionException("webhook queue full");
    });
    this.server = HttpServer.create(options.listen(), 128);
    server.createContext(options.path(), this::handle);
    server.setExecutor(threads);
  }

  /**
   * Binds {@code options.listen()} and starts answering. {@code nanoTime} paces the warning for refused
   * requests (at most one a minute, with the count).
   */
  static WebhookServer start(WebhookOptions options, LongPollingUpdateConsumer consumer, int queueSize,
      LongSupplier nanoTime, Messages operator) throws IOException {
    WebhookServer s = new WebhookServer(options, consumer, queueSize, nanoTime, operator);
    s.server.start();
    return s;
  }

  /** Where the server listens (the port is known once bound, for a listen port of 0). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  long accepted() {
    return accepted.sum();
  }

  long refused() {
    return refused.sum();
  }

  /** Posts turned away because every thread was busy and the queue full (Telegram sends them again). */
  long turnedAway() {
    return turnedAway.sum();
  }

  /** Posts waiting for a thread. */
  int queued() {
    return threads.getQueue().size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().add("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      // The JDK's contexts match by prefix: only the webhook's own path is served, not /hook/anything.
      if (!path.equals(exchange.getRequestURI().getRawPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
      if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
        refused.increment();
        refusals.refused(String.valueOf(exchange.getRemoteAddress()));
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      Update update;
      try {
        update = json.readValue(body, Update.class);
      } catch (IOException e) {
        // Acknowledged anyway: Telegram would send the same unreadable update again and again.
        LOG.warn("webhook update not readable, skipped: {}", e.getMessage());
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
      accepted.increment();
      consumer.consume(List.of(update));
    }
  }

  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
