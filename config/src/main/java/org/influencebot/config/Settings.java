package org.influencebot.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.influencebot.core.text.Clip;
import org.influencebot.core.text.Redaction;

/**
 * The effective configuration: defaults, then the YAML file, then environment variables
 * ({@code INFLUENCE_BOT_…}), then the secrets file for secrets. Validated once when loaded; immutable.
 */
public final class Settings {
  /** Networks a bare handle may be assumed to be on. */
  static final List<String> NETWORKS = org.influencebot.core.handle.Handle.DEFAULT_NETWORKS;
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Settings(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  public static Settings defaults() {
    try {
      return load(Optional.empty(), Map.of());
    } catch (ConfigException e) {
      throw new IllegalStateException("the built-in defaults are invalid: " + e.getMessage(), e);
    }
  }

  /**
   * Reads {@code file} (if given) and {@code env}. Every problem is reported at once, each with the
   * key and the fix.
   */
  public static Settings load(Optional<Path> file, Map<String, String> env) throws ConfigException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (ConfigKey key : ConfigKey.ALL) {
      values.put(key.path(), key.defaultValue());
      origins.put(key.path(), "default");
    }
    List<String> problems = new ArrayList<>();
    if (file.isPresent()) {
      readYaml(file.get(), values, origins, problems);
    }
    for (ConfigKey key : ConfigKey.ALL) {
      String v = env.get(key.environmentVariable());
      if (v != null) {
        values.put(key.path(), v.strip());
        origins.put(key.path(), "environment " + key.environmentVariable());
      }
    }
    String secrets = values.get("secrets_file");
    if (!secrets.isBlank()) {
      readSecrets(Path.of(secrets), values, origins, problems);
    }
    Settings settings = new Settings(values, origins);
    settings.validate(problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(String.join("\n", problems));
    }
    return settings;
  }

  private static void readYaml(Path file, Map<String, String> values, Map<String, String> origins, List<String> problems)
      throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(file + ": no such configuration file. Copy config/influence-bot.example.yml and edit it, "
          + "or leave out --config to use the defaults.");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      String reason = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
      throw new ConfigException(file + ": not valid YAML (" + reason + "). Compare it with config/influence-bot.example.yml.");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": expected keys such as \"language: en\" at the top level.");
    }
    flatten("", root, file, values, origins, problems);
  }

  private static void flatten(String prefix, JsonNode node, Path file, Map<String, String> values,
      Map<String, String> origins, List<String> problems) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> e = fields.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(path, v, file, values, origins, problems);
        continue;
      }
      Optional<ConfigKey> key = ConfigKey.ALL.stream().filter(k -> k.path().equals(path)).findFirst();
      if (key.isEmpty()) {
        problems.add(file + ": unknown key '" + path + "'. " + suggestion(path));
        continue;
      }
      if (key.get().secret() && !v.isNull() && !v.asText().isBlank()) {
        problems.add(file + ": '" + path + "' is a secret and is not read from the config file, which is easy to share by "
            + "mistake. Remove it and set the environment variable " + key.get().environmentVariable()
            + " (or put it in the secrets_file).");
        continue;
      }
      String text = v.isNull() ? "" : v.isArray() ? joinArray(v) : v.asText();
      values.put(path, text.strip());
      origins.put(path, file.toString());
    }
  }

  private static String joinArray(JsonNode v) {
    List<String> items = new ArrayList<>();
    v.forEach(item -> items.add(item.asText()));
    return String.join(",", items);
  }

  /** The nearest known key by edit distance, when it is near enough to be a typo. */
  private static String suggestion(String path) {
    ConfigKey best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigKey k : ConfigKey.ALL) {
      int d = distance(path, k.path());
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= 3 ? "Did you mean '" + best.path() + "'?"
        : "Known keys are listed in config/influence-bot.example.yml.";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static void readSecrets(Path file, Map<String, String> values, Map<String, String> origins, List<String> problems) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add("secrets_file " + file + ": cannot be read. Check the path and that the bot's user may read it.");
      return;
    }
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (line.isBlank() || line.strip().startsWith("#") || eq < 0) {
        continue;
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      ConfigKey.ALL.stream().filter(k -> k.secret() && k.environmentVariable().equals(name)).findFirst().ifPresent(k -> {
        values.put(k.path(), value);
        origins.put(k.path(), "secrets_file");
      });
    }
  }

  private void validate(List<String> problems) {
    for (ConfigKey key : ConfigKey.ALL) {
      String v = values.get(key.path());
      String where = "'" + key.path() + "' (from " + origins.get(key.path()) + ")";
      switch (key.type()) {
        case INTEGER -> {
          try {
            long n = Long.parseLong(v);
            if (n < 0 || n > 100_000_000) {
              problems.add(where + " must be a whole number from 0 to 100000000, not " + v + ".");
            }
          } catch (NumberFormatException e) {
            problems.add(where + " must be a whole number, such as " + key.defaultValue() + ", not \"" + clip(v) + "\".");
          }
        }
        case BOOLEAN -> {
          if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            problems.add(where + " must be true or false, not \"" + clip(v) + "\".");
          }
        }
        case DURATION -> {
          if (parseDuration(v).isEmpty()) {
            problems.add(where + " must be a duration such as 30s, 5m, 6h or 7d, not \"" + clip(v) + "\".");
          }
        }
        case URL -> {
          if (!v.isEmpty()) {
            try {
              URI uri = new URI(v);
              if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                  || uri.getHost() == null) {
                problems.add(where + " must be an http or https URL such as https://example.org/, not \"" + clip(v) + "\".");
              }
            } catch (URISyntaxException e) {
              problems.add(where + " must be an http or https URL such as https://example.org/, not \"" + clip(v) + "\".");
            }
          }
        }
        default -> { }
      }
    }
    String language = values.get("language");
    if (!language.equals("en") && !language.equals("fr")) {
      problems.add("'language' (from " + origins.get("language") + ") must be en or fr, not \"" + clip(language) + "\".");
    }
    String source = values.get("source.default");
    if (!List.of("sample", "file", "http", "bluesky", "mastodon").contains(source)) {
      problems.add("'source.default' (from " + origins.get("source.default") + ") must be sample, file, http, bluesky or "
          + "mastodon, not \"" + clip(source) + "\".");
    }
    if (source.equals("file") && values.get("source.file").isBlank()) {
      problems.add("'source.default' is file, so 'source.file' must give the path of a JSON Lines file of accounts.");
    }
    if (source.equals("http") && values.get("source.http.base_url").isBlank()) {
      problems.add("'source.default' is http, so 'source.http.base_url' must give your metrics service's URL.");
    }
    String network = values.get("source.default_network");
    if (!network.isBlank() && !NETWORKS.contains(network)) {
      problems.add("'source.default_network' (from " + origins.get("source.default_network") + ") must be empty or one of "
          + String.join(", ", NETWORKS) + ", not \"" + clip(network) + "\".");
    }
    parseDuration(values.get("source.timeout")).filter(d -> d.compareTo(Duration.ofSeconds(1)) < 0
        || d.compareTo(Duration.ofMinutes(10)) > 0).ifPresent(d -> problems.add("'source.timeout' (from "
        + origins.get("source.timeout") + ") must be from 1s to 10m: it bounds each lookup, requests and waits included."));
    String pool = values.get("store.pool_size");
    if (pool.matches("\\d{1,9}") && (Integer.parseInt(pool) < 1 || Integer.parseInt(pool) > 100)) {
      problems.add("'store.pool_size' (from " + origins.get("store.pool_size") + ") must be from 1 to 100 connections, not "
          + pool + ".");
    }
    parseDuration(values.get("store.busy_timeout")).filter(d -> d.compareTo(Duration.ofMinutes(10)) > 0)
        .ifPresent(d -> problems.add("'store.busy_timeout' (from " + origins.get("store.busy_timeout")
            + ") must be from 0s to 10m: a write that waits longer is better refused with a sentence."));
    parseDuration(values.get("store.member_retention")).filter(d -> d.compareTo(Duration.ofDays(1)) < 0
        || d.compareTo(Duration.ofDays(3650)) > 0).ifPresent(d -> problems.add("'store.member_retention' (from "
        + origins.get("store.member_retention") + ") must be from 1d to 3650d: how long members who left, "
        + "activity and member audits are kept."));
    String format = values.get("logging.format");
    if (!format.equals("text") && !format.equals("json")) {
      problems.add("'logging.format' must be text or json, not \"" + clip(format) + "\".");
    }
    String level = values.get("logging.level");
    if (!List.of("error", "warn", "info", "debug").contains(level.strip().toLowerCase(Locale.ROOT))) {
      problems.add("'logging.level' must be error, warn, info or debug, not \"" + clip(level) + "\".");
    }
    String shards = values.get("discord.shards");
    if (!shards.isEmpty() && !shards.matches("\\d{1,5}-\\d{1,5}")) {
      problems.add("'discord.shards' must be a range such as 0-3, not \"" + clip(shards) + "\".");
    } else if (!shards.isEmpty() && values.get("discord.shard_total").matches("\\d{1,9}")) {
      int first = Integer.parseInt(shards.substring(0, shards.indexOf('-')));
      int last = Integer.parseInt(shards.substring(shards.indexOf('-') + 1));
      int total = Integer.parseInt(values.get("discord.shard_total"));
      if (first > last || last >= total) {
        problems.add("'discord.shards' is " + shards + ", but shards are numbered 0 to " + (total - 1)
            + " ('discord.shard_total' is " + total + "): give a range such as 0-" + (total - 1) + ".");
      }
    }
    validateRedis(problems);
    validateJdbc(problems);
    validateWebhook(problems);
    validateReferenceDraw(problems);
  }

  /** The networks whose reference samples the bot draws: {@code audit.reference_draw} resolved. */
  public List<String> referenceDrawNetworks() {
    String v = values.get("audit.reference_draw").strip().toLowerCase(Locale.ROOT);
    if (v.equals("off") || v.isEmpty()) {
      return List.of();
    }
    List<String> networks = new ArrayList<>();
    if (v.equals("auto")) {
      for (String n : List.of(values.get("source.default"), values.get("source.default_network"))) {
        if (List.of("bluesky", "mastodon", "http").contains(n) && !networks.contains(n)) {
          networks.add(n);
        }
      }
      return List.copyOf(networks);
    }
    for (String n : v.split(",")) {
      if (!n.isBlank() && !networks.contains(n.strip())) {
        networks.add(n.strip());
      }
    }
    return List.copyOf(networks);
  }

  private void validateReferenceDraw(List<String> problems) {
    String v = values.get("audit.reference_draw").strip().toLowerCase(Locale.ROOT);
    if (!v.equals("auto") && !v.equals("off")) {
      boolean known = true;
      for (String n : v.split(",")) {
        known &= List.of("bluesky", "mastodon", "http").contains(n.strip());
      }
      if (!known) {
        problems.add("'audit.reference_draw' (from " + origins.get("audit.reference_draw")
            + ") must be auto, off or a list of bluesky, mastodon and http, not \"" + clip(v) + "\".");
      } else if (referenceDrawNetworks().contains("http") && values.get("source.http.base_url").isBlank()) {
        problems.add("'audit.reference_draw' names http, so 'source.http.base_url' must give your metrics service's URL.");
      }
    }
    parseDuration(values.get("audit.reference_refresh")).filter(d -> d.compareTo(Duration.ofHours(1)) < 0
        || d.compareTo(Duration.ofDays(365)) > 0).ifPresent(d -> problems.add("'audit.reference_refresh' (from "
        + origins.get("audit.reference_refresh") + ") must be from 1h to 365d: each draw costs tens of requests."));
  }

  /** A password in a JDBC URL: {@code user:pass@}, or a {@code password=} (or {@code sslpassword=}, {@code pwd=}) parameter. */
  private static final Pattern JDBC_PASSWORD = Pattern.compile(
      "(?i)jdbc:[a-z0-9]+://[^/?;#@]*:[^/?;#@]*@.*|.*[?&;](?:[a-z]*password|pass|pwd|passwd)=.*");

  private void validateJdbc(List<String> problems) {
    String url = values.get("store.jdbc_url");
    if (!url.isEmpty() && JDBC_PASSWORD.matcher(url).matches()) {
      problems.add("'store.jdbc_url' must not hold a password: set " + ConfigKey.byPath("store.password").environmentVariable()
          + " in the environment or the secrets file, and give the URL without it.");
    }
  }

  private void validateRedis(List<String> problems) {
    String url = values.get("redis.url");
    if (url.isEmpty()) {
      return;
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || !(uri.getScheme().equals("redis") || uri.getScheme().equals("rediss"))
          || uri.getHost() == null) {
        problems.add("'redis.url' must be a Redis address such as redis://localhost:6379/0 (rediss:// for TLS), not \""
            + clip(url) + "\".");
      } else if (uri.getRawUserInfo() != null) {
        problems.add("'redis.url' must not hold a password: set INFLUENCE_BOT_REDIS_PASSWORD in the environment or "
            + "the secrets file, and give the URL without it.");
      }
    } catch (URISyntaxException e) {
      problems.add("'redis.url' must be a Redis address such as redis://localhost:6379/0, not \"" + clip(url) + "\".");
    }
  }

  private void validateWebhook(List<String> problems) {
    String url = values.get("telegram.webhook.url");
    if (url.isEmpty()) {
      return;
    }
    URI uri = URI.create(url); // already checked as an http(s) URL
    boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
    if (!uri.getScheme().equals("https") && !loopback) {
      problems.add("'telegram.webhook.url' must be an https address (Telegram sends webhooks over TLS only), not \""
          + clip(url) + "\".");
    }
    String secret = values.get("telegram.webhook.secret_token");
    if (secret.isEmpty()) {
      problems.add("'telegram.webhook.url' is set, so INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN must be set too: "
          + "32 to 256 random letters, digits, _ or - (for example the output of: openssl rand -hex 32).");
    } else if (!secret.matches("[A-Za-z0-9_-]{32,256}")) {
      problems.add("'telegram.webhook.secret_token' (INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN) must be 32 to 256 random "
          + "letters, digits, _ or -, which no one can guess: set it to the output of openssl rand -hex 32.");
    }
    String listen = values.get("telegram.webhook.listen");
    if (!listen.matches("[^\\s:]+:\\d{1,5}") || Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)) > 65535) {
      problems.add("'telegram.webhook.listen' must be an address and a port such as 0.0.0.0:8443, not \"" + clip(listen)
          + "\".");
    }
  }

  static Optional<Duration> parseDuration(String v) {
    Matcher m = DURATION.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    });
  }

  private static String clip(String s) {
    return Clip.clip(s, 61);
  }


  // ------------------------------------------------------------------ typed access

  public String string(String path) {
    ConfigKey.byPath(path);
    return values.get(path);
  }

  public Optional<String> optional(String path) {
    String v = string(path);
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public int integer(String path) {
    return (int) Long.parseLong(string(path));
  }

  public boolean bool(String path) {
    return Boolean.parseBoolean(string(path));
  }

  public Duration duration(String path) {
    return parseDuration(string(path)).orElseThrow();
  }

  public Path path(String path) {
    return Path.of(string(path));
  }

  /** Each key with its effective value (secrets shown as set or not) and where it came from. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (ConfigKey key : ConfigKey.ALL) {
      String v = values.get(key.path());
      String shown = key.secret() ? (v.isBlank() ? "(not set)" : "(set, hidden)") : (v.isBlank() ? "(empty)" : Redaction.credentials(v));
      lines.add(key.path() + " = " + shown + "    [" + origins.get(key.path()) + "]");
    }
    return lines;
  }
}
