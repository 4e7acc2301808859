package org.influencebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The poller's watch on its own answers, one answer at a time from a local server. */
class ConflictWatchTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger conflicts = new AtomicInteger();
  private final AtomicInteger revoked = new AtomicInteger();
  private final ConflictWatch watch = new ConflictWatch(3, conflicts::incrementAndGet, revoked::incrementAndGet);
  private final OkHttpClient http = new OkHttpClient.Builder().addInterceptor(watch).build();

  @BeforeEach
  void start() throws IOException {
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
    http.dispatcher().executorService().shutdownNow();
    http.connectionPool().evictAll();
  }

  /** Answers the next request with {@code code}, and sends it to {@code method}. */
  private int call(String method, int code) throws IOException {
    server.enqueue(new MockResponse.Builder().code(code).body("{\"ok\":" + (code == 200) + "}").build());
    try (Response response = http.newCall(new Request.Builder()
        .url(server.url("/botTOKEN/" + method)).build()).execute()) {
      return response.code();
    }
  }

  @Test
  void conflictsInARowStopOnceAtTheThresholdAndTheAnswersStillReachThePoller() throws IOException {
    assertThat(call("getUpdates", 409)).isEqualTo(409);
    assertThat(call("getUpdates", 409)).isEqualTo(409);
    assertThat(conflicts).hasValue(0);
    assertThat(call("getUpdates", 409)).isEqualTo(409);
    assertThat(conflicts).hasValue(1);
    call("getUpdates", 409);
    call("getUpdates", 409);
    assertThat(conflicts).as("said once").hasValue(1);
    assertThat(revoked).hasValue(0);
  }

  @Test
  void aSuccessfulPollStartsTheCountAgain() throws IOException {
    call("getUpdates", 409);
    call("getUpdates", 409);
    call("getUpdates", 200);
    assertThat(watch.inARow()).isZero();
    call("getUpdates", 409);
    call("getUpdates", 409);
    assertThat(conflicts).hasValue(0);
    call("getUpdates", 409);
    assertThat(conflicts).hasValue(1);
  }

  @Test
  void aRevokedTokenStopsWithItsOwnReasonAfterTheThreshold() throws IOException {
    call("getUpdates", 401);
    call("getUpdates", 401);
    assertThat(revoked).hasValue(0);
    call("getUpdates", 401);
    assertThat(revoked).hasValue(1);
    assertThat(conflicts).hasValue(0);
  }

  @Test
  void oneRefusalAfterConflictsIsNotTakenForARevokedToken() throws IOException {
    call("getUpdates", 409);
    call("getUpdates", 409);
    call("getUpdates", 401);
    assertThat(revoked).as("a single 401 after two 409s").hasValue(0);
    assertThat(conflicts).hasValue(0);
    call("getUpdates", 401);
    call("getUpdates", 401);
    assertThat(revoked).hasValue(1);
  }

  @Test
  void otherMethodsAndOtherFailuresNeitherCountNorReset() throws IOException {
    call("sendMessage", 409);
    call("sendMessage", 401);
    call("getUpdates", 409);
    call("getUpdates", 409);
    call("sendMessage", 200); // not a poll: the count of polls goes on
    call("getUpdates", 502); // Telegram's front end failing for a moment: neither a conflict nor a success
    assertThat(watch.inARow()).isEqualTo(2);
    call("getUpdates", 409);
    assertThat(conflicts).hasValue(1);
  }
}
