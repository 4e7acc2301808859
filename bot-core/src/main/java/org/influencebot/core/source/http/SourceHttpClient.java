package org.influencebot.core.source.http;

import java.util.Set;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * Builds the one OkHttp client every metrics source shares (one connection pool, one dispatcher).
 * Sources then derive per-source clients with {@link OkHttpClient#newBuilder()}, which shares the pool.
 */
public final class SourceHttpClient {
  private SourceHttpClient() {}

  /** {@code influence-bot/<version>}, the version from the jar's manifest or {@code dev}. */
  public static String userAgent() {
    String v = SourceHttpClient.class.getPackage().getImplementationVersion();
    return "influence-bot/" + (v == null || v.isBlank() ? "dev" : v);
  }

  /**
   * The production client: names resolve through {@link PublicAddressDns}, which refuses non-public
   * addresses except for {@code configuredHosts} (the hosts of base URLs the operator configured).
   */
  public static OkHttpClient create(HttpTimeouts timeouts, Set<String> configuredHosts) {
    return create(timeouts, userAgent(), new PublicAddressDns(Dns.SYSTEM, configuredHosts));
  }

  public static OkHttpClient create(HttpTimeouts timeouts, String userAgent, Dns dns) {
    return new OkHttpClient.Builder()
        .dns(dns)
        .connectTimeout(timeouts.connect())
        .readTimeout(timeouts.read())
        .writeTimeout(timeouts.read())
        .callTimeout(timeouts.call())
        // Redirects could leave the host a source was configured for; APIs used here do not redirect.
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(true)
        .addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .header("User-Agent", userAgent)
            .build()))
        .build();
  }
}
