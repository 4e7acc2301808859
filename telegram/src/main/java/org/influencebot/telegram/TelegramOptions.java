package org.influencebot.telegram;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the Telegram adapter runs. The token comes only from here and is never printed:
 * {@link #toString()} hides it.
 *
 * @param token the bot token from @BotFather
 * @param apiScheme {@code https} for Telegram, {@code http} for a local fake or a local Bot API server
 * @param apiHost {@code api.telegram.org} by default
 * @param apiPort 443 by default
 * @param removeWebhook whether a webhook found at start is removed (else the bot refuses to start)
 * @param owner the operator's Telegram user id, who may ask {@code /status}
 * @param queueSize how many outgoing messages may wait; past it users are asked to try again
 * @param pacing the sending limits
 * @param conflictsBeforeStop how many 409 answers in a row to getUpdates stop the bot
 */
public record TelegramOptions(String token, String apiScheme, String apiHost, int apiPort, boolean removeWebhook,
    OptionalLong owner, int queueSize, Pacing pacing, int conflictsBeforeStop) {

  /**
   * Telegram's sending limits: about one message a second in a chat, 20 a minute in a group, 30 a
   * second overall.
   */
  public record Pacing(Duration perChat, int perGroupPerMinute, int perSecond) {
    public static Pacing telegramDefaults() {
      return new Pacing(Duration.ofSeconds(1), 20, 30);
    }

    public Pacing {
      Objects.requireNonNull(perChat, "perChat");
      if (perChat.isNegative() || perGroupPerMinute < 1 || perSecond < 1) {
        throw new IllegalArgumentException("pacing limits must be positive");
      }
    }
  }

  public TelegramOptions {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(apiScheme, "apiScheme");
    Objects.requireNonNull(apiHost, "apiHost");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(pacing, "pacing");
    if (token.isBlank()) {
      throw new IllegalArgumentException("The Telegram token is empty: get one from @BotFather (/newbot).");
    }
    if (!apiScheme.equals("http") && !apiScheme.equals("https")) {
      throw new IllegalArgumentException("The Bot API scheme must be http or https, not " + apiScheme);
    }
    if (apiPort < 1 || apiPort > 65535) {
      throw new IllegalArgumentException("The Bot API port must be between 1 and 65535, not " + apiPort);
    }
    if (queueSize < 1) {
      throw new IllegalArgumentException("The outgoing queue size must be at least 1, not " + queueSize);
    }
    if (conflictsBeforeStop < 1) {
      throw new IllegalArgumentException("conflictsBeforeStop must be at least 1");
    }
  }

  /** Telegram's own Bot API with the usual limits. */
  public static TelegramOptions of(String token) {
    return new TelegramOptions(token, "https", "api.telegram.org", 443, false, OptionalLong.empty(), 2_000,
        Pacing.telegramDefaults(), 3);
  }

  public TelegramOptions withApi(String scheme, String host, int port) {
    return new TelegramOptions(token, scheme, host, port, removeWebhook, owner, queueSize, pacing, conflictsBeforeStop);
  }

  public TelegramOptions withRemoveWebhook(boolean remove) {
    return new TelegramOptions(token, apiScheme, apiHost, apiPort, remove, owner, queueSize, pacing, conflictsBeforeStop);
  }

  public TelegramOptions withOwner(long userId) {
    return new TelegramOptions(token, apiScheme, apiHost, apiPort, removeWebhook, OptionalLong.of(userId), queueSize,
        pacing, conflictsBeforeStop);
  }

  public TelegramOptions withQueueSize(int size) {
    return new TelegramOptions(token, apiScheme, apiHost, apiPort, removeWebhook, owner, size, pacing, conflictsBeforeStop);
  }

  public TelegramOptions withPacing(Pacing p) {
    return new TelegramOptions(token, apiScheme, apiHost, apiPort, removeWebhook, owner, queueSize, p, conflictsBeforeStop);
  }

  /** The bot's public id, the token's digits before the colon: names what the bot keeps in shared stores. */
  public String botId() {
    int colon = token.indexOf(':');
    return colon > 0 ? token.substring(0, colon) : Integer.toHexString(token.hashCode());
  }

  /** The API's address without the token, safe to print. */
  public String apiAddress() {
    return apiScheme + "://" + apiHost + ":" + apiPort;
  }

  /** Replaces the token wherever it appears, for anything that may reach a log. */
  public String redact(String text) {
    return text == null ? "" : text.replace(token, "<token>");
  }

  @Override
  public String toString() {
    return "TelegramOptions[token=<hidden>, api=" + apiAddress() + ", removeWebhook=" + removeWebhook + ", owner="
        + owner + ", queueSize=" + queueSize + ", pacing=" + pacing + ", conflictsBeforeStop=" + conflictsBeforeStop + "]";
  }
}
