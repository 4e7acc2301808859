package org.influencebot.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.influencebot.core.analysis.Analyzer;
import org.influencebot.core.command.Command;
import org.influencebot.core.command.CommandRunner;
import org.influencebot.core.command.Requester;
import org.influencebot.core.fake.RuleFakeScorer;
import org.influencebot.core.limit.RequestLimits;
import org.influencebot.core.reply.PlainTextRenderer;
import org.influencebot.core.reply.Reply;
import org.influencebot.core.reply.Reply.ErrorKind;
import org.influencebot.core.reply.Reply.ErrorReply;
import org.influencebot.core.reply.Reply.SummaryReply;
import org.influencebot.core.service.InfluenceService;
import org.influencebot.core.source.SampleAccounts;
import org.influencebot.core.source.http.HttpSource;
import org.influencebot.core.source.http.HttpSourceOptions;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.TestRuntime;
import org.influencebot.core.text.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, faults: the metrics source slow, down, flapping or answering garbage, through the real
 * {@link HttpSource} (retries, circuit breaker) on a {@link MockWebServer}, the real
 * {@link InfluenceService} (cache, last good summary) and {@link CommandRunner}. Time is injected: the
 * retry waits only move the source clock, the breaker reads that clock, the cache reads a ticker the
 * test moves. The only real waits are the 300 ms read timeouts of the "slow" case.
 */
class SourceFaultsTest {
  private static final String HANDLE = "twitter:braddd";
  private static final Requester ASKER = Requester.member("test", "user-1", "chat-1");

  /** What the fake metrics service does, switched by the test. */
  enum Mode { GOOD, DOWN, HANG, HTML, TRUNCATED, WRONG_TYPES }

  private final MockWebServer server = new MockWebServer();
  /** Holds HANG answers until the test (or its end) releases them. */
  private volatile CountDownLatch release = new CountDownLatch(1);
  private volatile Mode mode = Mode.GOOD;
  private final AtomicLong nanos = new AtomicLong();
  private TestRuntime rt;
  private ExecutorService analysis;
  private CommandRunner runner;
  private PlainTextRenderer text;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        return switch (mode) {
          case GOOD -> json(200, TestRuntime.fixture("http/account.json"));
          case DOWN -> json(503, "{\"error\":\"maintenance\"}");
          case HANG -> {
            release.await(30, TimeUnit.SECONDS); // far beyond the source's 300 ms read timeout
            yield json(200, TestRuntime.fixture("http/account.json"));
          }
          case HTML -> new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
              .body("<html><body>Bad gateway</body></html>").build();
          case TRUNCATED -> json(200, TestRuntime.fixture("http/account.json").substring(0, 120));
          case WRONG_TYPES -> json(200, "{\"handle\":\"braddd\",\"followers\":\"lots\",\"following\":[1,2]}");
        };
      }
    });
    server.start();
    rt = new TestRuntime(new HttpTimeouts(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2)));
    HttpSource source = new HttpSource(
        HttpSourceOptions.of(server.url("/api/")).withPolicy(TestRuntime.policy(3, 3)), Optional.empty(), rt.runtime);
    analysis = Executors.newFixedThreadPool(2);
    Ticker ticker = nanos::get;
    InfluenceService service = new InfluenceService(source,
        new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), rt.clock), analysis, ticker, rt.clock,
        InfluenceService.Options.defaults());
    runner = new CommandRunner(service, new RequestLimits(
        new RequestLimits.Options(10_000, Duration.ofMinutes(1), 10_000, Duration.ofMinutes(1), Duration.ofSeconds(1)),
        ticker));
    text = new PlainTextRenderer(rt.clock);
  }

  @AfterEach
  void stop() {
    release.countDown();
    analysis.shutdownNow();
    rt.close();
    server.close();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  private Reply ask() throws Exception {
    return runner.run(new Command.Influence(HANDLE, false), ASKER).get(10, TimeUnit.SECONDS);
  }

  /** Forces a new lookup (as the cache does after expiry): the refresh path of the same service. */
  private Reply askAgain() throws Exception {
    // Past expireAfter (6 h): the cached summary is gone, only the last good one remains.
    nanos.addAndGet(Duration.ofHours(7).toNanos());
    return ask();
  }

  private String rendered(Reply reply) {
    return text.render(reply, Messages.english());
  }

  /**
   * A polite sentence: words ending with a full stop, no exception name, no stack, no placeholder. (It
   * may start in lower case: with the source's configured name, here {@code http}.)
   */
  private static void assertPolite(String sentence) {
    assertThat(sentence).isNotBlank().matches("(?s)\\p{L}[^\\n]*[.]\\s*")
        .doesNotContain("Exception", "null", "at org.", "\tat ", "{0}", "HTTP 5");
  }

  private ErrorReply error(Reply reply, ErrorKind kind) {
    assertThat(reply).isInstanceOf(ErrorReply.class);
    ErrorReply e = (ErrorReply) reply;
    assertThat(e.kind()).as(rendered(reply)).isEqualTo(kind);
    assertPolite(rendered(reply));
    return e;
  }

  private SummaryReply stale(Reply reply) {
    assertThat(reply).isInstanceOf(SummaryReply.class);
    SummaryReply s = (SummaryReply) reply;
    assertThat(s.lookup().stale()).isTrue();
    assertThat(rendered(reply)).contains("this is an older summary, because");
    return s;
  }

  @Test
  void aSourceDownWithNoEarlierSummaryGivesAPoliteSentenceAndOpensTheBreakerWhichClosesAfterATrial() throws Exception {
    mode = Mode.DOWN;
    for (int i = 0; i < 3; i++) {
      Reply r = askAgain();
      assertThat(rendered(r)).contains("is not answering right now; try again in a few minutes.");
      error(r, ErrorKind.SOURCE_DOWN);
    }
    assertThat(server.getRequestCount()).isEqualTo(9); // 3 lookups × 3 attempts
    assertThat(rt.sleeps).hasSize(6);                  // the retry waits, on the injected sleeper only

    // Open: refused at once, without a request, with the minutes left.
    Reply refused = askAgain();
    error(refused, ErrorKind.SOURCE_DOWN);
    assertThat(rendered(refused)).contains("try again in 2 minutes.");
    assertThat(server.getRequestCount()).isEqualTo(9);

    // Still open a minute later, even though the source is back.
    mode = Mode.GOOD;
    rt.clock.advance(Duration.ofMinutes(1));
    assertThat(rendered(askAgain())).contains("try again in 1 minute.");
    assertThat(server.getRequestCount()).isEqualTo(9);

    // After the open time, one trial goes through; it succeeds and closes the breaker.
    rt.clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    Reply fresh = askAgain();
    assertThat(fresh).isInstanceOf(SummaryReply.class);
    assertThat(((SummaryReply) fresh).lookup().stale()).isFalse();
    assertThat(server.getRequestCount()).isEqualTo(10);
    // Closed: the next failure is retried and counted again, not refused.
    mode = Mode.DOWN;
    stale(askAgain());
    assertThat(server.getRequestCount()).isEqualTo(13);
  }

  @Test
  void aSourceDownAfterAGoodAnswerServesTheLastSummaryMarkedStaleAndTheBreakerStillOpens() throws Exception {
    Reply good = ask();
    assertThat(good).isInstanceOf(SummaryReply.class);
    assertThat(((SummaryReply) good).lookup().stale()).isFalse();
    String goodHeadline = rendered(good).lines().findFirst().orElseThrow();

    mode = Mode.DOWN;
    for (int i = 0; i < 4; i++) { // 3 failures open the breaker; the 4th is refused by it
      SummaryReply s = stale(askAgain());
      assertThat(rendered(s).lines().findFirst().orElseThrow()).isEqualTo(goodHeadline);
    }
    assertThat(server.getRequestCount()).isEqualTo(1 + 9);
    assertThat(rendered(askAgain())).contains("try again in 2 minutes");
  }

  @Test
  void aSlowSourceTimesOutWithAPoliteSentenceIsNotRetriedAndTheLastSummaryIsServed() throws Exception {
    mode = Mode.HANG;
    Reply r = ask();
    error(r, ErrorKind.SOURCE_TOO_SLOW);
    assertThat(rendered(r)).contains("took too long to answer; try again in a moment.");
    assertThat(server.getRequestCount()).isEqualTo(1); // a timeout is not retried

    release.countDown();
    mode = Mode.GOOD;
    assertThat(((SummaryReply) askAgain()).lookup().stale()).isFalse();

    release = new CountDownLatch(1);
    mode = Mode.HANG;
    SummaryReply s = stale(askAgain());
    assertThat(rendered(s)).contains("took too long to answer");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aFlappingSourceIsSmoothedByRetriesAndEachOutageServesTheLastGoodSummary() throws Exception {
    // Up, down, up, down...: each outage is answered with the last good summary, each recovery is fresh.
    for (int round = 0; round < 3; round++) {
      mode = Mode.GOOD;
      Reply up = askAgain();
      assertThat(up).isInstanceOf(SummaryReply.class);
      assertThat(((SummaryReply) up).lookup().stale()).as("round %d", round).isFalse();
      mode = Mode.DOWN;
      stale(askAgain());
    }
    // Two outages in a row fewer than the breaker's threshold: a success in between reset it.
    assertThat(rendered(askAgain())).doesNotContain("try again in 2 minutes");

    // One failed attempt then a good one, inside a single lookup: the retry hides the flap.
    server.close();
    MockWebServer flapping = new MockWebServer();
    flapping.enqueue(json(502, "bad gateway"));
    flapping.enqueue(json(200, TestRuntime.fixture("http/account.json")));
    flapping.start();
    try {
      HttpSource source = new HttpSource(
          HttpSourceOptions.of(flapping.url("/api/")).withPolicy(TestRuntime.policy(3, 3)), Optional.empty(), rt.runtime);
      InfluenceService service = new InfluenceService(source,
          new Analyzer(new RuleFakeScorer(SampleAccounts.OBSERVED), rt.clock), analysis, nanos::get, rt.clock,
          InfluenceService.Options.defaults());
      CommandRunner other = new CommandRunner(service, new RequestLimits(RequestLimits.Options.defaults(), nanos::get));
      Reply r = other.run(new Command.Influence(HANDLE, false), ASKER).get(10, TimeUnit.SECONDS);
      assertThat(r).isInstanceOf(SummaryReply.class);
      assertThat(((SummaryReply) r).lookup().stale()).isFalse();
      assertThat(flapping.getRequestCount()).isEqualTo(2);
    } finally {
      flapping.close();
    }
  }

  @Test
  void garbageAnswersGivePoliteSentencesServeTheLastSummaryAndNeitherOpenNorCloseTheBreaker() throws Exception {
    for (Mode garbage : new Mode[] {Mode.HTML, Mode.TRUNCATED, Mode.WRONG_TYPES}) {
      mode = garbage;
      Reply r = askAgain();
      error(r, ErrorKind.UNREADABLE_ANSWER);
      assertThat(rendered(r)).as(garbage.name()).contains("answered something unreadable");
    }
    for (int i = 0; i < 3; i++) { // more garbage than the breaker's threshold: still asked each time
      mode = Mode.HTML;
      askAgain();
    }
    int asked = server.getRequestCount();
    assertThat(asked).isEqualTo(6); // unreadable answers are not retried and do not open the breaker

    mode = Mode.GOOD;
    assertThat(askAgain()).isInstanceOf(SummaryReply.class);
    mode = Mode.TRUNCATED;
    stale(askAgain());
    assertThat(rendered(askAgain())).contains("this is an older summary, because")
        .contains("answered something unreadable");
  }
}
