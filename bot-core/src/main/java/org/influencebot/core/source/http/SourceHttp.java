package org.influencebot.core.source.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.influencebot.core.source.SourceException;
import org.influencebot.core.source.resilience.CircuitBreaker;
import org.influencebot.core.source.resilience.Deadline;
import org.influencebot.core.source.resilience.RetryPolicy;
import org.influencebot.core.source.resilience.ServerRateLimits;
import org.influencebot.core.source.resilience.ServerWaitHint;
import org.influencebot.core.source.resilience.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's blocking GET with everything a remote service needs around it: the lookup's one
 * {@link Deadline} (each request gets only the time left, no wait starts that would end after it), the
 * server's own rate limit ({@link ServerRateLimits}, shared by every lookup of this source), a circuit
 * breaker per host, retries with backoff and jitter on 5xx, 429 and connection failures, and a size cap
 * on bodies. Call it from a worker thread only (sources run it on the executor they are given).
 *
 * <p>A server's reset header is a wait only on a 429 or when it says no request is left; on a 5xx only
 * {@code Retry-After} is. Timeouts are not retried: the lookup's time is what ran out.
 */
public final class SourceHttp {
  private static final Logger LOG = LoggerFactory.getLogger(SourceHttp.class);
  /** Hosts with a breaker kept at once; Mastodon lookups may name any instance. */
  static final int MAX_BREAKERS = 1024;
  /** How long an unused host's breaker is kept: well past any open period. */
  static final Duration BREAKER_IDLE = Duration.ofHours(1);

  private final SourceErrors errors;
  private final OkHttpClient client;
  private final HttpCallPolicy policy;
  private final Clock clock;
  private final Random random;
  private final Sleeper sleeper;
  private final ServerRateLimits limits;
  /**
   * One breaker per host, at most {@link #MAX_BREAKERS}, each forgotten {@link #BREAKER_IDLE} after its
   * last use, whatever its state: users can name any instance, including ones that always fail.
   */
  private final com.github.benmanes.caffeine.cache.Cache<String, CircuitBreaker> breakers;

  public SourceHttp(SourceErrors errors, OkHttpClient client, HttpCallPolicy policy, Clock clock, Random random,
      Sleeper sleeper) {
    this.errors = Objects.requireNonNull(errors);
    this.client = Objects.requireNonNull(client);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.limits = new ServerRateLimits(clock);
    this.breakers = com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(MAX_BREAKERS)
        .expireAfterAccess(BREAKER_IDLE).ticker(() -> java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run).build();
  }

  public SourceErrors errors() {
    return errors;
  }

  public CircuitBreaker breaker(String host) {
    return breakers.get(host, h -> new CircuitBreaker(clock, policy.breakerFailures(), policy.breakerOpen()));
  }

  /** Breakers kept now (after pending evictions). */
  long breakersKept() {
    breakers.cleanUp();
    return breakers.estimatedSize();
  }

  /** As {@link #get(HttpUrl, Headers, String, Deadline)} with the URL's host as server. */
  public HttpAnswer get(HttpUrl url, Headers extraHeaders, Deadline deadline) {
    return get(url, extraHeaders, url.host(), deadline);
  }

  /**
   * GETs {@code url} within {@code deadline}. Answers any status below 500 but 429 (404, 401, 400 are
   * the caller's to read); throws {@link SourceException} for the rest once retries are spent.
   *
   * @param server whose circuit breaker and rate limit the request counts against (a Mastodon instance)
   */
  public HttpAnswer get(HttpUrl url, Headers extraHeaders, String server, Deadline deadline) {
    CircuitBreaker breaker = breaker(server);
    Optional<Duration> refused = breaker.tryAcquire();
    if (refused.isPresent()) {
      throw errors.circuitOpen(refused.get());
    }
    try {
      HttpAnswer answer = attempts(url, extraHeaders, server, deadline);
      breaker.recordSuccess();
      return answer;
    } catch (SourceException e) {
      switch (e.kind()) {
        case RATE_LIMITED, BAD_RESPONSE, REFUSED -> breaker.recordNeutral();
        default -> breaker.recordFailure();
      }
      throw e;
    } catch (RuntimeException e) {
      breaker.recordFailure();
      throw e;
    }
  }

  private HttpAnswer attempts(HttpUrl url, Headers extraHeaders, String server, Deadline deadline) {
    RetryPolicy retry = policy.retry();
    Duration waited = Duration.ZERO;
    int attempt = 0;
    while (true) {
      if (deadline.passed()) {
        throw errors.timeout("the lookup's " + deadline.total().toMillis() + " ms were spent before asking " + where(url), null);
      }
      Optional<Duration> limited = limits.reserve(server);
      if (limited.isPresent()) {
        // The server said no request is left: wait for its reset when that is near, else say how long.
        Duration wait = limited.get();
        if (waited.plus(wait).compareTo(retry.maxTotalWait()) > 0 || !deadline.allows(wait)) {
          throw errors.rateLimited(wait, "no request left at " + server + " until its reset in " + wait.toSeconds() + " s");
        }
        waited = waited.plus(wait);
        sleep(wait, url);
        continue;
      }
      attempt++;
      Request request = new Request.Builder().url(url).headers(extraHeaders)
          .header("Accept", "application/json").get().build();
      Call call = client.newCall(request);
      // The request may take what is left of the lookup's time, and no more (OkHttp cancels it then).
      call.timeout().timeout(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
      Optional<Duration> hint = Optional.empty();
      SourceException failure;
      try (Response response = call.execute()) {
        int code = response.code();
        limits.observe(server, code, response::header, retry.baseDelay());
        if (code == 429) {
          failure = errors.rateLimited(limits.exhausted(server).orElse(retry.baseDelay()), "HTTP 429 from " + where(url));
        } else if (code >= 500) {
          failure = errors.unavailable("HTTP " + code + " from " + where(url), null);
          hint = ServerWaitHint.retryAfter(response.header("Retry-After"), clock.instant());
        } else {
          return new HttpAnswer(url, code, response.headers(), readCapped(response, url), errors);
        }
      } catch (PublicAddressDns.NonPublicAddressException e) {
        throw errors.refused(url.host(), e.getMessage());
      } catch (InterruptedIOException e) {
        // SocketTimeoutException (connect, read) and the call's timeout (the lookup's deadline) land here.
        throw errors.timeout("no answer in time from " + where(url) + " (" + e.getMessage() + ")", e);
      } catch (IOException e) {
        failure = errors.unavailable(e.getClass().getSimpleName() + " from " + where(url), e);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      if (failure.kind() == SourceException.Kind.RATE_LIMITED) {
        continue; // the rate limit now holds the wait: the next turn waits for it or says how long
      }
      Duration delay = retry.delay(attempt, hint, random);
      if (waited.plus(delay).compareTo(retry.maxTotalWait()) > 0 || !deadline.allows(delay)) {
        throw failure; // no time left to try again: answer now rather than hang
      }
      LOG.debug("{}: attempt {} failed ({}), again in {} ms", errors.source(), attempt, failure.getMessage(),
          delay.toMillis());
      waited = waited.plus(delay);
      sleep(delay, url);
    }
  }

  private void sleep(Duration d, HttpUrl url) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw errors.unavailable("interrupted while waiting to ask " + where(url) + " again", e);
    }
  }

  private String readCapped(Response response, HttpUrl url) throws IOException {
    ResponseBody body = response.body();
    long max = policy.maxBodyBytes();
    long declared = body.contentLength();
    if (declared > max) {
      throw errors.badResponse("body of " + declared + " bytes from " + where(url) + ", more than the " + max
          + " accepted");
    }
    BufferedSource source = body.source();
    if (source.request(max + 1)) {
      throw errors.badResponse("body from " + where(url) + " longer than the " + max + " bytes accepted");
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return source.getBuffer().readString(charset);
  }

  private static String where(HttpUrl url) {
    return url.host() + url.encodedPath();
  }
}
