package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source configuration {@code check-config} accepts also runs {@code score}; one it refuses names
 * the key and exits 2 from both commands. Remote sources are fake servers on 127.0.0.1.
 */
class SourceConfigTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
  private StringWriter out;
  private StringWriter err;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        paths.add(path);
        if (path.startsWith("/api/accounts/")) {
          return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
              .body("{\"handle\":\"alice\",\"followers\":1200,\"following\":300,\"posts\":800}").build();
        }
        // Bluesky's "no such actor" and Mastodon's "record not found".
        return path.startsWith("/xrpc/")
            ? new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"InvalidRequest\",\"message\":\"Profile not found\"}").build()
            : new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"Record not found\"}").build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String yaml, String... args) throws Exception {
    out = new StringWriter();
    err = new StringWriter();
    Path config = dir.resolve("bot.yml");
    Files.writeString(config, "data_dir: " + dir.resolve("state") + "\n" + yaml);
    List<String> all = new java.util.ArrayList<>(List.of("--config", config.toString()));
    all.addAll(List.of(args));
    return Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
  }

  private String base(String path) {
    return server.url(path).toString();
  }

  @Test
  void theDocumentedMinimumHttpConfigurationRuns() throws Exception {
    String yaml = "source:\n  default: http\n  http:\n    base_url: " + base("/api/") + "\n";
    assertThat(run(yaml, "check-config")).as(err.toString()).isZero();
    assertThat(run(yaml, "score", "@alice")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("@alice");
    assertThat(paths).contains("/api/accounts/any/alice"); // a bare handle is asked as network any
  }

  @Test
  void everyAcceptedSourceConfigurationRunsScore() throws Exception {
    List<String> accepted = List.of(
        "source:\n  default: sample\n",
        "source:\n  default: http\n  default_network: twitter\n  http:\n    base_url: " + base("/api/") + "\n",
        "source:\n  default: bluesky\n  bluesky:\n    base_url: " + base("/xrpc/") + "\n",
        "source:\n  default: mastodon\n  mastodon:\n    base_url: " + base("/") + "\n",
        "source:\n  default: sample\n  default_network: bluesky\n  bluesky:\n    base_url: " + base("/xrpc/")
            + "\n  timeout: 1s\n  max_followers: 0\n  max_posts: 0\n");
    for (String yaml : accepted) {
      assertThat(run(yaml, "check-config")).as(yaml + err).isZero();
      int code = run(yaml, "score", "@alice");
      assertThat(code).as(yaml + err).isIn(0, 3); // a summary, or "not found": never a crash or a config error
      assertThat(err.toString()).doesNotContain("Exception").doesNotContain("is not among");
    }
  }

  @Test
  void aRefusedConfigurationNamesTheKeyAndExitsTwoFromEveryCommand() throws Exception {
    List<List<String>> refused = List.of(
        List.of("source:\n  default: sample\n  default_network: myspace\n", "'source.default_network'"),
        List.of("source:\n  timeout: 0s\n", "'source.timeout'"),
        List.of("source:\n  default: http\n", "'source.http.base_url'"));
    for (List<String> c : refused) {
      assertThat(run(c.get(0), "check-config")).as(c.get(0)).isEqualTo(2);
      assertThat(err.toString()).contains(c.get(1));
      assertThat(run(c.get(0), "score", "@alice")).as(c.get(0)).isEqualTo(2);
      assertThat(err.toString()).contains(c.get(1));
    }
  }
}
