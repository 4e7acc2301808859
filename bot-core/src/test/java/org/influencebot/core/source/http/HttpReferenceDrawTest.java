package org.influencebot.core.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.source.SourceException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET {base}/reference/{network}} of a moderator's service. */
class HttpReferenceDrawTest {
  private final MockWebServer server = new MockWebServer();
  private TestRuntime rt;

  @BeforeEach
  void start() throws Exception {
    server.start();
    rt = new TestRuntime();
  }

  @AfterEach
  void stop() {
    rt.close();
    server.close();
  }

  private HttpReferenceDraw draw(Set<String> networks) {
    HttpSourceOptions o = HttpSourceOptions.of(server.url("/api/")).withPolicy(TestRuntime.policy(2, 3));
    o = new HttpSourceOptions(o.name(), o.baseUrl(), o.authHeaderName(), o.authEnvVar(), networks, o.policy());
    return new HttpReferenceDraw(o, Optional.of("Bearer s3cret-token"), rt.runtime, Duration.ofMinutes(1));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static final String ALICE = "{\"handle\":\"alice\",\"followers\":120,\"following\":80,\"posts\":40}";
  private static final String BOB = "{\"handle\":\"bob\",\"network\":\"instagram\",\"followers\":3}";

  @Test
  void readsTheDatedObjectWithTheAuthorizationHeader() throws Exception {
    server.enqueue(json(200, "{\"sampled_at\":\"2026-11-01T00:00:00Z\",\"accounts\":[" + ALICE + "," + BOB + "]}"));
    Reference r = draw(Set.of()).draw("instagram").orElseThrow();

    assertThat(r.network()).isEqualTo("instagram");
    assertThat(r.sampledAt()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(r.method()).isEqualTo(Reference.Method.HTTP);
    assertThat(r.origin()).contains("/api/reference/instagram").doesNotContain("s3cret");
    assertThat(r.accounts()).extracting(a -> a.handle()).containsExactly("alice", "bob");
    assertThat(r.accounts()).allSatisfy(a -> assertThat(a.network()).contains("instagram"));
    assertThat(r.accounts().get(0).followers()).hasValue(120);
    RecordedRequest request = server.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/api/reference/instagram");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer s3cret-token");
  }

  @Test
  void readsABareArrayDatedByLastModifiedAndJsonLinesDatedNow() {
    server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .setHeader("Last-Modified", "Sun, 01 Nov 2026 08:00:00 GMT").body("[" + ALICE + "]").build());
    server.enqueue(json(200, ALICE + "\n" + BOB + "\n\n"));
    HttpReferenceDraw d = draw(Set.of());

    Reference array = d.draw("instagram").orElseThrow();
    assertThat(array.sampledAt()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    assertThat(array.accounts()).hasSize(1);
    Reference lines = d.draw("instagram").orElseThrow();
    assertThat(lines.sampledAt()).isEqualTo(TestRuntime.T0);
    assertThat(lines.accounts()).hasSize(2);
  }

  @Test
  void notFoundMeansNoSampleOfThatNetwork() {
    server.enqueue(json(404, "{}"));
    assertThat(draw(Set.of()).draw("tiktok")).isEmpty();
  }

  @Test
  void anAccountOfAnotherNetworkOrOffTheFormatIsABadResponse() {
    server.enqueue(json(200, "{\"sampled_at\":\"2026-11-01T00:00:00Z\",\"accounts\":[" + BOB + "]}"));
    server.enqueue(json(200, "{\"sampled_at\":\"2026-11-01T00:00:00Z\",\"accounts\":[{\"followers\":3}]}"));
    server.enqueue(json(200, "{\"accounts\":[" + ALICE + "]}"));
    HttpReferenceDraw d = draw(Set.of());

    assertThatThrownBy(() -> d.draw("twitter")).isInstanceOf(SourceException.class)
        .hasMessageContaining("accounts[0] is on instagram, not twitter");
    assertThatThrownBy(() -> d.draw("twitter")).isInstanceOf(SourceException.class)
        .hasMessageContaining("accounts[0]");
    assertThatThrownBy(() -> d.draw("twitter")).isInstanceOf(SourceException.class)
        .hasMessageContaining("'sampled_at' is missing");
  }

  @Test
  void configuredNetworksAreDrawnAtStartAndOnlyThoseServed() {
    HttpReferenceDraw d = draw(Set.of("instagram"));
    assertThat(d.networks()).containsExactly("instagram");
    assertThat(d.serves("instagram")).isTrue();
    assertThat(d.serves("twitter")).isFalse();
    HttpReferenceDraw all = draw(Set.of());
    assertThat(all.serves("twitter")).isTrue();
    assertThat(all.serves(HttpSource.ANY_NETWORK)).isFalse();
    assertThat(all.serves("../x")).isFalse();
    assertThat(all.draw("../x")).isEmpty();
    assertThat(server.getRequestCount()).isZero();
  }
}
