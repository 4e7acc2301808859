package org.influencebot.telegram;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;

/**
 * Webhook mode: Telegram posts each update to {@code publicUrl} (a reverse proxy in front of one or
 * several replicas), which forwards it to {@code listen} on this process. Every request must carry
 * {@code secretToken} in the {@code X-Telegram-Bot-Api-Secret-Token} header. {@link #toString()}
 * hides the secret.
 *
 * @param publicUrl the https address given to setWebhook; its path is the one this process serves
 * @param listen where this process's HTTP server binds
 * @param secretToken 32 to 256 characters of A-Z, a-z, 0-9, _ and - (random: it is all that tells Telegram's
 *     posts from anyone else's)
 * @param deleteOnStop whether stopping removes the webhook (only right for a single replica: with
 *     several, one replica stopping would cut the others off)
 */
public record WebhookOptions(URI publicUrl, InetSocketAddress listen, String secretToken, boolean deleteOnStop) {
  /** What Telegram accepts as a secret token, at the length that makes it unguessable. */
  public static final String SECRET_TOKEN = "[A-Za-z0-9_-]{32,256}";

  public WebhookOptions {
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(secretToken, "secretToken");
    if (!secretToken.matches(SECRET_TOKEN)) {
      throw new IllegalArgumentException("The webhook secret token must be 32 to 256 random letters, digits, _ or -.");
    }
  }

  /** The path requests arrive on, as the proxy forwards them ("/" when the URL has none). */
  public String path() {
    String p = publicUrl.getRawPath();
    return p == null || p.isEmpty() ? "/" : p;
  }

  @Override
  public String toString() {
    return "WebhookOptions[publicUrl=" + publicUrl + ", listen=" + listen + ", secretToken=<hidden>, deleteOnStop="
        + deleteOnStop + "]";
  }
}
