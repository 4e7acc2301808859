package org.influencebot.core.source.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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
import org.influencebot.core.source.resilience.RetryPolicy;
import org.influencebot.core.source.resilience.ServerWaitHint;
import org.influencebot.core.source.resilience.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One source's blocking GET with everything a remote service needs around it: a circuit breaker per
 * host, retries with backoff and jitter on 5xx, 429 and connection failures (honouring
 * {@code Retry-After} and {@code X-RateLimit-Reset}), and a size cap on bodies. Call it from a worker
 * thread only (sources run it on the executor they are given).
 *
 * <p>Timeouts are not retried: the call already took the whole timeout, and a user is waiting.
 */
public final class SourceHttp {
  private static final Logger LOG = LoggerFactory.getLogger(SourceHttp.class);
  /** Hosts with a breaker kept at once; Mastodon lookups may name any instance. */
  static final int MAX_BREAKERS = 1024;

  private final SourceErrors errors;
  private final OkHttpClient client;
  private final HttpCallPolicy policy;
  private final Clock clock;
  private final Random random;
  private final Sleeper sleeper;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public SourceHttp(SourceErrors errors, OkHttpClient client, HttpCallPolicy policy, Clock clock, Random random,
      Sleeper sleeper) {
    this.errors = Objects.requireNonNull(errors);
    this.client = Objects.requireNonNull(client);
    this.policy = Objects.requireNonNull(policy);
    this.clock = Objects.requireNonNull(clock);
    this.random = Objects.requireNonNull(random);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  public SourceErrors errors() {
    return errors;
  }

  public CircuitBreaker breaker(String host) {
    if (breakers.size() >= MAX_BREAKERS && !breakers.containsKey(host)) {
      breakers.values().removeIf(b -> b.state() == CircuitBreaker.State.CLOSED);
    }
    return breakers.computeIfAbsent(host,
        h -> new CircuitBreaker(clock, policy.breakerFailures(), policy.breakerOpen()));
  }

  /**
   * GETs {@code url}. Answers any status below 500 but 429 (404, 401, 400 are the caller's to read);
   * throws {@link SourceException} for the rest once retries are spent.
   */
  public HttpAnswer get(HttpUrl url, Headers extraHeaders) {
    return get(url, extraHeaders, url.host());
  }

  /** As {@link #get(HttpUrl, Headers)}, with the circuit breaker of {@code breakerKey} (e.g. a Mastodon instance). */
  public HttpAnswer get(HttpUrl url, Headers extraHeaders, String breakerKey) {
    CircuitBreaker breaker = breaker(breakerKey);
    Optional<Duration> refused = breaker.tryAcquire();
    if (refused.isPresent()) {
      throw errors.circuitOpen(refused.get());
    }
    try {
      HttpAnswer answer = attempts(url, extraHeaders);
      breaker.recordSuccess();
      return answer;
    } catch (SourceException e) {
      switch (e.kind()) {
        case RATE_LIMITED, BAD_RESPONSE -> breaker.recordNeutral();
        default -> breaker.recordFailure();
      }
      throw e;
    } catch (RuntimeException e) {
      breaker.recordFailure();
      throw e;
    }
  }

  private HttpAnswer attempts(HttpUrl url, Headers extraHeaders) {
    RetryPolicy retry = policy.retry();
    Duration waited = Duration.ZERO;
    for (int attempt = 1; ; attempt++) {
      Request request = new Request.Builder().url(url).headers(extraHeaders)
          .header("Accept", "application/json").get().build();
      Optional<Duration> hint = Optional.empty();
      SourceException failure;
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (code == 429) {
          hint = ServerWaitHint.from(response::header, clock.instant());
          failure = errors.rateLimited(hint.orElse(retry.baseDelay()), "HTTP 429 from " + where(url));
        } else if (code >= 500) {
          failure = errors.unavailable("HTTP " + code + " from " + where(url), null);
          hint = ServerWaitHint.from(response::header, clock.instant());
        } else {
          return new HttpAnswer(url, code, response.headers(), readCapped(response, url), errors);
        }
      } catch (InterruptedIOException e) {
        // SocketTimeoutException (connect, read) and OkHttp's call timeout both land here.
        throw errors.timeout("no answer in time from " + where(url) + " (" + e.getMessage() + ")", e);
      } catch (IOException e) {
        failure = errors.unavailable(e.getClass().getSimpleName() + " from " + where(url), e);
      }
      if (attempt >= retry.maxAttempts()) {
        throw failure;
      }
      Duration delay = retry.delay(attempt, hint, random);
      if (waited.plus(delay).compareTo(retry.maxTotalWait()) > 0) {
        // The server asks for a longer wait than we may spend: answer now rather than hang.
        if (failure.kind() == SourceException.Kind.RATE_LIMITED) {
          throw errors.rateLimited(delay, failure.getMessage() + ", asks to wait " + delay.toSeconds() + " s");
        }
        throw failure;
      }
      LOG.debug("{}: attempt {} failed ({}), again in {} ms", errors.source(), attempt, failure.getMessage(),
          delay.toMillis());
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw errors.unavailable("interrupted while waiting to retry " + where(url), e);
      }
      waited = waited.plus(delay);
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
