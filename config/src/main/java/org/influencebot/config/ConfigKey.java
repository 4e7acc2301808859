package org.influencebot.config;

import java.util.List;
import java.util.Locale;

/**
 * One setting: its dotted path in the YAML file, its environment variable, its default and a plain
 * description (printed by {@code check-config} and in the example file).
 *
 * @param secret a token or password: read only from the environment or a secrets file, never shown
 */
public record ConfigKey(String path, Type type, String defaultValue, boolean secret, String description) {
  /** The kinds of value, each validated with a message that names the key and the fix. */
  public enum Type {
    STRING,
    INTEGER,
    BOOLEAN,
    DURATION,
    URL,
    PATH,
    LIST
  }

  /** {@code source.http.base_url} → {@code INFLUENCE_BOT_SOURCE_HTTP_BASE_URL}. */
  public String environmentVariable() {
    return "INFLUENCE_BOT_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  /** Every key the bot reads. */
  public static final List<ConfigKey> ALL = List.of(
      new ConfigKey("language", Type.STRING, "en", false,
          "Language of replies when a user's own language is not known: en or fr."),
      new ConfigKey("data_dir", Type.PATH, "data", false,
          "Folder that holds all state (settings, linked handles, score history, lock files)."),
      new ConfigKey("store.jdbc_url", Type.STRING, "", false,
          "Empty for the SQLite file in data_dir; or a PostgreSQL URL such as jdbc:postgresql://localhost:5432/influence to share a store between processes."),
      new ConfigKey("store.user", Type.STRING, "", false, "PostgreSQL user (with store.jdbc_url)."),
      new ConfigKey("store.password", Type.STRING, "", true, "PostgreSQL password (environment or secrets file only)."),
      new ConfigKey("store.pool_size", Type.INTEGER, "4", false,
          "The most PostgreSQL connections this process opens (with store.jdbc_url), from 1 to 100; each Discord shard's 16 store threads share them."),
      new ConfigKey("store.busy_timeout", Type.DURATION, "5s", false,
          "How long an SQLite write waits for another process's write to end before failing with a sentence (0s to 10m)."),
      new ConfigKey("store.member_retention", Type.DURATION, "180d", false,
          "How long the member log keeps members who left, members' last activity and member audits (1d to 3650d); members still in a community are kept. Ids and times only (docs/store.md)."),
      new ConfigKey("source.default", Type.STRING, "sample", false,
          "Where metrics come from for handles without a network: sample, file, http, bluesky or mastodon."),
      new ConfigKey("source.default_network", Type.STRING, "", false,
          "Network assumed for a bare @handle; empty means that of source.default (for http: the handle is asked as network any)."),
      new ConfigKey("source.file", Type.PATH, "", false,
          "A JSON Lines file of accounts in the account-metrics format, for source.default: file."),
      new ConfigKey("audit.reference_dir", Type.PATH, "", false,
          "A folder of <network>.jsonl files, each a random sample of that network's accounts (account-metrics format, no labels): the yardstick its audiences are measured against. Empty: none."),
      new ConfigKey("source.http.base_url", Type.URL, "", false,
          "Base URL of your own metrics service: the bot calls GET {base_url}/accounts/{network}/{handle}."),
      new ConfigKey("source.http.auth_header_env", Type.STRING, "", false,
          "Name of an environment variable holding the Authorization header value for your metrics service."),
      new ConfigKey("source.bluesky.base_url", Type.URL, "https://public.api.bsky.app/xrpc/", false,
          "Bluesky AppView to read public profiles from (no login needed)."),
      new ConfigKey("source.bluesky.requests_per_5min", Type.INTEGER, "3000", false,
          "Requests the bot allows itself to the Bluesky AppView per 5 minutes (its published limit is 3000 per address)."),
      new ConfigKey("source.bluesky.relay_url", Type.URL, "https://bsky.network/xrpc/", false,
          "Bluesky relay whose account list (com.atproto.sync.listRepos) the bot draws its random sample of Bluesky accounts from (audit.reference_draw)."),
      new ConfigKey("source.mastodon.default_instance", Type.STRING, "mastodon.social", false,
          "Mastodon server used for a handle given without @server."),
      new ConfigKey("source.mastodon.base_url", Type.URL, "", false,
          "Empty to call each account's own server; set only to send every Mastodon call to one address (a proxy, or tests)."),
      new ConfigKey("source.mastodon.requests_per_5min", Type.INTEGER, "300", false,
          "Requests the bot allows itself to each Mastodon server per 5 minutes (unauthenticated clients get 300)."),
      new ConfigKey("source.max_followers", Type.INTEGER, "500", false,
          "How many followers to sample per account (the same cost for every account size)."),
      new ConfigKey("source.max_posts", Type.INTEGER, "100", false, "How many recent posts to read per account."),
      new ConfigKey("source.deep_follower_requests", Type.INTEGER, "8", false,
          "Requests per summary spent reading follower pages past the newest sample, for deeper follower strata (0 = none); see docs/sources.md."),
      new ConfigKey("source.timeout", Type.DURATION, "20s", false, "The longest one metrics lookup may take in all, every request, retry and wait included (1s to 10m)."),
      new ConfigKey("audit.reference_draw", Type.STRING, "auto", false,
          "Which networks' reference samples the bot draws itself: auto (the network of source.default or source.default_network among bluesky, mastodon and http), off, or a list such as bluesky,mastodon (docs/sources.md, Reference samples)."),
      new ConfigKey("audit.reference_refresh", Type.DURATION, "7d", false,
          "A drawn reference sample older than this is drawn again in the background, the old one used meanwhile (1h to 365d)."),
      new ConfigKey("cache.expire_after", Type.DURATION, "6h", false, "How long a computed summary is kept."),
      new ConfigKey("cache.refresh_after", Type.DURATION, "1h", false,
          "After this age a summary is recomputed in the background while the old one is still served."),
      new ConfigKey("cache.not_found_for", Type.DURATION, "5m", false, "How long \"not found\" is remembered."),
      new ConfigKey("cache.max_entries", Type.INTEGER, "10000", false, "How many summaries the cache holds at most."),
      new ConfigKey("redis.url", Type.STRING, "", false,
          "Empty for none (one process). redis://host:6379/0, or rediss:// for TLS, to share the summary cache, the limits and the sources' budgets between processes (docs/scaling.md)."),
      new ConfigKey("redis.password", Type.STRING, "", true,
          "Redis password, if it asks for one (environment or secrets file only)."),
      new ConfigKey("redis.timeout", Type.DURATION, "500ms", false,
          "The longest the bot waits for Redis before answering without it."),
      new ConfigKey("redis.retry_after", Type.DURATION, "5s", false,
          "When Redis does not answer, how long each process uses only its own cache and limits before trying again."),
      new ConfigKey("limits.per_user_per_minute", Type.INTEGER, "6", false, "Requests one user may make per minute."),
      new ConfigKey("limits.per_chat_per_minute", Type.INTEGER, "30", false,
          "Repeated requests (a member's second and later in a minute) one chat or server may make per minute."),
      new ConfigKey("limits.refresh_cooldown", Type.DURATION, "60s", false,
          "How long a user waits between two refreshes."),
      new ConfigKey("discord.token", Type.STRING, "", true,
          "Discord bot token (Developer Portal → your application → Bot). Environment or secrets file only."),
      new ConfigKey("discord.dev_guild_id", Type.STRING, "", false,
          "Optional server id where commands are registered at once, for development."),
      new ConfigKey("discord.shard_total", Type.INTEGER, "1", false, "Total number of shards of the bot."),
      new ConfigKey("discord.shards", Type.STRING, "", false,
          "The shard range this process runs, such as 0-3; empty for all."),
      new ConfigKey("discord.rest_url", Type.URL, "", false, "Empty for Discord itself; set for a proxy."),
      new ConfigKey("discord.gateway_url", Type.STRING, "", false, "Empty for Discord itself; set for a proxy."),
      new ConfigKey("discord.owner_id", Type.STRING, "", false, "Discord user id allowed to use the debug command."),
      new ConfigKey("discord.member_audit", Type.BOOLEAN, "false", false,
          "Let moderators audit the server's members with /influence-members: asks Discord for the privileged Server Members intent (enable it too in the Developer Portal: your application, Bot, Privileged Gateway Intents) and counts messages by author and time, never their content (docs/discord.md)."),
      new ConfigKey("telegram.token", Type.STRING, "", true,
          "Telegram bot token from @BotFather. Environment or secrets file only."),
      new ConfigKey("telegram.api_url", Type.URL, "", false,
          "Empty for api.telegram.org; set for a local Bot API server."),
      new ConfigKey("telegram.remove_webhook", Type.BOOLEAN, "false", false,
          "Remove a webhook set on the token at start (polling cannot run while one is set)."),
      new ConfigKey("telegram.webhook.url", Type.URL, "", false,
          "Empty for long polling (one process). The public https address Telegram sends updates to, through your reverse proxy, such as https://bot.example.org/telegram: every replica behind it shares the updates."),
      new ConfigKey("telegram.webhook.listen", Type.STRING, "127.0.0.1:8443", false,
          "Address and port this process takes webhook updates on (the reverse proxy forwards to it), such as 0.0.0.0:8443."),
      new ConfigKey("telegram.webhook.secret_token", Type.STRING, "", true,
          "With telegram.webhook.url: a random secret of 32 to 256 letters, digits, _ or - (openssl rand -hex 32); Telegram sends it with every update and other requests are refused. Environment or secrets file only."),
      new ConfigKey("telegram.webhook.delete_on_stop", Type.BOOLEAN, "false", false,
          "Remove the webhook when this process stops: true only for a single webhook process (with replicas, one stopping would cut the others off)."),
      new ConfigKey("telegram.owner_id", Type.STRING, "", false, "Telegram user id allowed to use the debug command."),
      new ConfigKey("logging.format", Type.STRING, "text", false, "text for readable lines, json for one JSON object a line."),
      new ConfigKey("logging.level", Type.STRING, "info", false,
          "How much the bot itself logs: error, warn, info (failed replies, 429s, source failures, cache statistics) or debug. Libraries log warnings and errors only."),
      new ConfigKey("secrets_file", Type.PATH, "", false,
          "Optional file of KEY=value lines (such as INFLUENCE_BOT_DISCORD_TOKEN=…) read for secrets."));

  public static ConfigKey byPath(String path) {
    return ALL.stream().filter(k -> k.path().equals(path)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no config key " + path));
  }
}
