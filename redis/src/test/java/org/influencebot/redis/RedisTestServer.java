package org.influencebot.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real redis-server for tests, from the binary the embedded-redis artifact ships (nothing installed
 * by hand), on a free port of 127.0.0.1, without persistence. It can be stopped and started again on
 * the same port, to see the bot through a Redis outage.
 */
public final class RedisTestServer implements AutoCloseable {
  private final int port;
  private RedisServer server;

  public RedisTestServer() {
    this.port = freePort();
    start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void start() {
    try {
      server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public synchronized void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    stop();
  }
}
