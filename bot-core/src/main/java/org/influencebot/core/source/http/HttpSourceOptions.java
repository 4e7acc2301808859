package org.influencebot.core.source.http;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * A moderator's own metrics service (contract: {@code docs/http-source.md}).
 *
 * @param name the source's name shown to users and moderators ({@code http})
 * @param baseUrl the service's base URL; requests go to {@code {baseUrl}/accounts/{network}/{handle}}
 * @param authHeaderName the header carrying the secret, usually {@code Authorization}
 * @param authEnvVar the environment variable holding that header's whole value, if the service wants one
 * @param networks networks the service answers for; empty means all
 * @param policy retries, body cap and circuit breaker
 */
public record HttpSourceOptions(String name, HttpUrl baseUrl, String authHeaderName, Optional<String> authEnvVar,
    Set<String> networks, HttpCallPolicy policy) {
  public HttpSourceOptions {
    Objects.requireNonNull(name);
    Objects.requireNonNull(baseUrl);
    Objects.requireNonNull(authHeaderName);
    Objects.requireNonNull(authEnvVar);
    networks = Set.copyOf(networks);
    Objects.requireNonNull(policy);
  }

  public static HttpSourceOptions of(HttpUrl baseUrl) {
    return new HttpSourceOptions("http", baseUrl, "Authorization", Optional.empty(), Set.of(), HttpCallPolicy.defaults());
  }

  public HttpSourceOptions withAuthEnvVar(String envVar) {
    return new HttpSourceOptions(name, baseUrl, authHeaderName, Optional.of(envVar), networks, policy);
  }

  public HttpSourceOptions withPolicy(HttpCallPolicy p) {
    return new HttpSourceOptions(name, baseUrl, authHeaderName, authEnvVar, networks, p);
  }
}
