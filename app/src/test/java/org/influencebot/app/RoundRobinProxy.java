package org.influencebot.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.influencebot.telegram.TestTelegram;

/**
 * A reverse proxy as an operator would put in front of the Telegram webhook replicas: each post goes to
 * the next replica in turn, and to the one after when a replica does not answer. Posts are handled in
 * parallel, as Telegram sends them over several connections.
 */
final class RoundRobinProxy implements AutoCloseable {
  private final List<Integer> upstreams;
  private final String secret;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final AtomicInteger next = new AtomicInteger();
  /** How many posts each upstream took. */
  private final AtomicIntegerArray forwarded;
  private final ExecutorService threads = Executors.newFixedThreadPool(16);
  private final HttpServer server;

  /** @param secret the secret token Telegram shows with every post */
  RoundRobinProxy(List<Integer> upstreams, String secret) throws IOException {
    this.upstreams = upstreams;
    this.secret = secret;
    this.forwarded = new AtomicIntegerArray(upstreams.size());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(threads);
    server.createContext("/", exchange -> {
      try (exchange; InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        String shown = exchange.getRequestHeaders().getFirst(TestTelegram.SECRET_HEADER);
        int status = 502;
        for (int attempt = 0; attempt < upstreams.size() && status == 502; attempt++) {
          int which = Math.floorMod(next.getAndIncrement(), upstreams.size());
          try {
            status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + upstreams.get(which)
                + exchange.getRequestURI().getPath())).header(TestTelegram.SECRET_HEADER, shown)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
            forwarded.incrementAndGet(which);
          } catch (IOException e) {
            status = 502; // that replica is gone: the next one
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        exchange.sendResponseHeaders(status, -1);
      }
    });
    server.start();
  }

  /** How many posts each upstream took, in the order given. */
  List<Integer> forwarded() {
    List<Integer> counts = new CopyOnWriteArrayList<>();
    for (int i = 0; i < upstreams.size(); i++) {
      counts.add(forwarded.get(i));
    }
    return counts;
  }

  /** Posts an update as Telegram would: with the secret token, to the public path. */
  int post(String update) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
        + "/telegram")).header(TestTelegram.SECRET_HEADER, secret)
        .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
