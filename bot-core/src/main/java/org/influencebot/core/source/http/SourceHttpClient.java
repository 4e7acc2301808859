package org.influencebot.core.source.http;

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

  public static OkHttpClient create(HttpTimeouts timeouts) {
    return create(timeouts, userAgent());
  }

  public static OkHttpClient create(HttpTimeouts timeouts, String userAgent) {
    return new OkHttpClient.Builder()
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
