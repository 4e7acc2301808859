package org.influencebot.core.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;
import org.influencebot.core.reference.Reference;
import org.influencebot.core.reference.ReferenceDrawer;
import org.influencebot.core.source.resilience.Deadline;

/**
 * A moderator's metrics service as the origin of reference samples: {@code GET {base}/reference/{network}}
 * ({@code docs/http-source.md}, "Reference samples"). The answer is, preferably, one object
 * {@code {"sampled_at": "2026-11-01T00:00:00Z", "accounts": [ … ]}}; a bare JSON array or JSON Lines of
 * accounts are read too, dated by the response's {@code Last-Modified} header or else by the time of the
 * answer. 404 (or 410) means the service has no sample of that network. The authorization value is
 * never logged.
 */
public final class HttpReferenceDraw implements ReferenceDrawer {
  public static final String NAME = "http-reference";
  /** Accounts one reference may hold at most. */
  public static final int MAX_ACCOUNTS = AccountJson.MAX_SAMPLE;
  /** A reference body may be this large (a few hundred bytes an account). */
  public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final HttpSourceOptions options;
  private final Optional<String> authorization;
  private final SourceRuntime runtime;
  private final SourceHttp http;
  private final Duration timeout;

  /**
   * @param options the HTTP source's settings; its {@code networks} are drawn at start, any other
   *     network when an audit first asks for it (all when the list is empty)
   * @param authorization the auth header's whole value, as for {@link HttpSource}
   * @param timeout the whole draw's deadline
   */
  public HttpReferenceDraw(HttpSourceOptions options, Optional<String> authorization, SourceRuntime runtime,
      Duration timeout) {
    this.options = Objects.requireNonNull(options);
    this.authorization = Objects.requireNonNull(authorization);
    this.runtime = Objects.requireNonNull(runtime);
    this.timeout = Objects.requireNonNull(timeout);
    HttpCallPolicy p = options.policy();
    this.http = runtime.http(new SourceErrors(options.name(), options.name()),
        new HttpCallPolicy(p.retry(), Math.max(p.maxBodyBytes(), MAX_BODY_BYTES), p.breakerFailures(), p.breakerOpen()));
  }

  /** As {@link HttpSource#fromEnvironment}: the auth value from {@code env}, a missing one a start-up error. */
  public static HttpReferenceDraw fromEnvironment(HttpSourceOptions options, java.util.Map<String, String> env,
      SourceRuntime runtime, Duration timeout) {
    Optional<String> auth = Optional.empty();
    if (options.authEnvVar().isPresent()) {
      String value = env.get(options.authEnvVar().get());
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("environment variable " + options.authEnvVar().get()
            + " (authorization for source " + options.name() + ") is not set");
      }
      auth = Optional.of(value.strip());
    }
    return new HttpReferenceDraw(options, auth, runtime, timeout);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> networks() {
    return options.networks();
  }

  @Override
  public boolean serves(String network) {
    return network.matches("[a-z][a-z0-9_-]{0,31}") && !network.equals(HttpSource.ANY_NETWORK)
        && (options.networks().isEmpty() || options.networks().contains(network));
  }

  /** The URL asked for {@code network}'s sample. */
  HttpUrl urlFor(String network) {
    return options.baseUrl().newBuilder().addPathSegment("reference").addPathSegment(network).build();
  }

  @Override
  public Optional<Reference> draw(String network) {
    if (!serves(network)) {
      return Optional.empty();
    }
    Deadline deadline = Deadline.after(runtime.clock(), timeout);
    Headers.Builder headers = new Headers.Builder();
    authorization.ifPresent(v -> headers.addUnsafeNonAscii(options.authHeaderName(), v));
    HttpAnswer answer = http.get(urlFor(network), headers.build(), deadline);
    if (answer.code() == 404 || answer.code() == 410) {
      return Optional.empty();
    }
    if (!answer.ok()) {
      throw http.errors().badResponse("reference: HTTP " + answer.code() + " from " + answer.where()
          + (answer.code() == 401 || answer.code() == 403 ? " (check the authorization variable)" : ""));
    }
    return Optional.of(read(answer, network));
  }

  private Reference read(HttpAnswer answer, String network) {
    String type = answer.header("Content-Type");
    String body = answer.body().strip();
    if ((type != null && type.toLowerCase(Locale.ROOT).contains("html")) || body.startsWith("<")) {
      throw http.errors().badResponse("reference from " + answer.where() + ": an HTML page instead of JSON");
    }
    List<JsonNode> values = new ArrayList<>();
    try (MappingIterator<JsonNode> it = AccountJson.mapper().readerFor(JsonNode.class).readValues(body)) {
      while (it.hasNextValue()) {
        values.add(it.nextValue());
        if (values.size() > MAX_ACCOUNTS) {
          throw http.errors().badResponse("reference from " + answer.where() + ": more than " + MAX_ACCOUNTS
              + " accounts");
        }
      }
    } catch (JsonProcessingException e) {
      throw http.errors().badResponse("reference from " + answer.where() + ": malformed or truncated JSON");
    } catch (IOException e) {
      throw http.errors().badResponse("reference from " + answer.where() + ": unreadable JSON");
    }
    Instant now = runtime.clock().instant();
    Instant sampledAt = lastModified(answer).orElse(now);
    List<JsonNode> accounts;
    String path;
    if (values.size() == 1 && values.get(0).isObject() && values.get(0).has("accounts")) {
      JsonNode envelope = values.get(0);
      JsonNode list = envelope.get("accounts");
      if (!list.isArray()) {
        throw http.errors().badResponse("reference from " + answer.where() + ": 'accounts' should be an array");
      }
      JsonNode at = envelope.get("sampled_at");
      if (at == null || !at.isTextual()) {
        throw http.errors().badResponse("reference from " + answer.where()
            + ": 'sampled_at' is missing (an RFC 3339 time such as 2026-11-01T00:00:00Z)");
      }
      try {
        sampledAt = OffsetDateTime.parse(at.textValue().strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw http.errors().badResponse("reference from " + answer.where()
            + ": 'sampled_at' is not an RFC 3339 time such as 2026-11-01T00:00:00Z");
      }
      accounts = new ArrayList<>();
      list.forEach(accounts::add);
      path = "accounts";
    } else if (values.size() == 1 && values.get(0).isArray()) {
      accounts = new ArrayList<>();
      values.get(0).forEach(accounts::add);
      path = "";
    } else {
      accounts = values; // JSON Lines
      path = "line ";
    }
    if (sampledAt.isAfter(now.plus(Duration.ofDays(1)))) {
      throw http.errors().badResponse("reference from " + answer.where() + ": sampled in the future (" + sampledAt + ")");
    }
    if (accounts.isEmpty()) {
      throw http.errors().badResponse("reference from " + answer.where() + ": no account (answer 404 for none)");
    }
    if (accounts.size() > MAX_ACCOUNTS) {
      throw http.errors().badResponse("reference from " + answer.where() + ": more than " + MAX_ACCOUNTS + " accounts");
    }
    List<Account> read = new ArrayList<>(accounts.size());
    for (int i = 0; i < accounts.size(); i++) {
      String where = path.equals("line ") ? "line " + (i + 1) : path + "[" + i + "]";
      Account a;
      try {
        a = AccountJson.fromTree(accounts.get(i), where, false);
      } catch (InvalidAccountException e) {
        throw http.errors().badResponse("reference from " + answer.where() + " does not follow the format: "
            + e.getMessage());
      }
      if (a.network().isPresent() && !a.network().get().equals(network)) {
        throw http.errors().badResponse("reference from " + answer.where() + ": " + where + " is on "
            + a.network().get() + ", not " + network);
      }
      for (java.util.OptionalLong v : List.of(a.followers(), a.following(), a.posts(), a.likes(), a.listed())) {
        if (v.isPresent() && v.getAsLong() > JsonFields.MAX_COUNT) {
          throw http.errors().badResponse("reference from " + answer.where() + ": " + where + " has an absurd count");
        }
      }
      read.add(a.network().isPresent() ? a : a.toBuilder().network(network).build());
    }
    return new Reference(network, read, sampledAt, Reference.Method.HTTP,
        "GET " + answer.where() + " (" + options.name() + " source)");
  }

  private static Optional<Instant> lastModified(HttpAnswer answer) {
    String v = answer.header("Last-Modified");
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.time.ZonedDateTime.parse(v.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
