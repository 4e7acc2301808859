package org.influencebot.core.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.influencebot.core.account.Account;
import org.influencebot.core.account.AccountJson;
import org.influencebot.core.account.InvalidAccountException;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.source.AccountNotFoundException;
import org.influencebot.core.source.MetricsSource;
import org.influencebot.core.source.resilience.Deadline;

/**
 * Reads accounts from a moderator's own service: {@code GET {base}/accounts/{network}/{handle}} answers
 * one account in the project's JSON format, 404 when it does not know the handle. Handles without a
 * network are asked as network {@code any}. The authorization value is never logged.
 */
public final class HttpSource implements MetricsSource {
  /** The network segment of a handle the user typed without one. */
  public static final String ANY_NETWORK = "any";

  private final HttpSourceOptions options;
  private final Optional<String> authorization;
  private final SourceRuntime runtime;
  private final SourceHttp http;

  /**
   * @param authorization the auth header's whole value (e.g. {@code Bearer …}), read once at start
   */
  public HttpSource(HttpSourceOptions options, Optional<String> authorization, SourceRuntime runtime) {
    this.options = Objects.requireNonNull(options);
    this.authorization = Objects.requireNonNull(authorization);
    this.runtime = Objects.requireNonNull(runtime);
    this.http = runtime.http(new SourceErrors(options.name(), options.name()), options.policy());
  }

  /**
   * Builds the source, taking the auth value from {@code env} (usually {@code System.getenv()}) under
   * {@link HttpSourceOptions#authEnvVar()}; a named variable that is unset or blank is a start-up error.
   */
  public static HttpSource fromEnvironment(HttpSourceOptions options, Map<String, String> env, SourceRuntime runtime) {
    Optional<String> auth = Optional.empty();
    if (options.authEnvVar().isPresent()) {
      String var = options.authEnvVar().get();
      String value = env.get(var);
      if (value == null || value.isBlank()) {
        throw new IllegalStateException("environment variable " + var + " (authorization for source "
            + options.name() + ") is not set");
      }
      auth = Optional.of(value.strip());
    }
    return new HttpSource(options, auth, runtime);
  }

  @Override
  public String name() {
    return options.name();
  }

  @Override
  public boolean serves(String network) {
    return options.networks().isEmpty() || options.networks().contains(network);
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    Deadline deadline = runtime.deadline();
    return AsyncFetch.run(runtime.executor(), http.errors(), () -> load(handle, deadline));
  }

  /** The URL asked for {@code handle}; every part is encoded, so no handle can leave the path. */
  HttpUrl urlFor(Handle handle) {
    String name = handle.name().startsWith("@") ? handle.name().substring(1) : handle.name();
    String network = handle.network().orElse(ANY_NETWORK);
    if (name.isEmpty() || isDotSegment(name) || isDotSegment(network)) {
      throw new AccountNotFoundException(handle, name());
    }
    return options.baseUrl().newBuilder()
        .addPathSegment("accounts")
        .addPathSegment(network)
        .addPathSegment(name)
        .build();
  }

  private static boolean isDotSegment(String s) {
    return s.equals(".") || s.equals("..");
  }

  private Account load(Handle handle, Deadline deadline) {
    HttpUrl url = urlFor(handle);
    Headers.Builder headers = new Headers.Builder();
    // addUnsafeNonAscii: the value is the operator's; OkHttp's error messages never echo it.
    authorization.ifPresent(v -> headers.addUnsafeNonAscii(options.authHeaderName(), v));
    HttpAnswer answer = http.get(url, headers.build(), deadline);
    if (answer.code() == 404 || answer.code() == 410) {
      throw new AccountNotFoundException(handle, name());
    }
    if (!answer.ok()) {
      throw http.errors().badResponse("HTTP " + answer.code() + " from " + answer.where()
          + (answer.code() == 401 || answer.code() == 403 ? " (check the authorization variable)" : ""));
    }
    JsonNode node = answer.json();
    Account account;
    try {
      account = AccountJson.fromTree(node, "", true);
    } catch (InvalidAccountException e) {
      throw http.errors().badResponse("account from " + answer.where() + " does not follow the format: "
          + e.getMessage());
    }
    checkCounts(account, "");
    for (int i = 0; i < account.followerSample().size(); i++) {
      checkCounts(account.followerSample().get(i), "follower_sample[" + i + "].");
    }
    if (account.network().isEmpty() && handle.network().isPresent()) {
      account = account.toBuilder().network(handle.network().get()).build();
    }
    return account;
  }

  private void checkCounts(Account a, String path) {
    check(a.followers(), path + "followers");
    check(a.following(), path + "following");
    check(a.posts(), path + "posts");
    check(a.likes(), path + "likes");
    check(a.listed(), path + "listed");
  }

  private void check(OptionalLong v, String field) {
    if (v.isPresent() && v.getAsLong() > JsonFields.MAX_COUNT) {
      throw http.errors().badResponse("'" + field + "' is absurd (" + v.getAsLong() + ")");
    }
  }
}
