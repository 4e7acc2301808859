package org.influencebot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  @TempDir
  Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("bot.yml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void theAnnotatedExampleIsValidAndNamesEveryKey() throws Exception {
    Path example = Path.of("influence-bot.example.yml");
    Settings s = Settings.load(Optional.of(example), Map.of());
    assertThat(s.string("source.default")).isEqualTo("sample");
    String text = Files.readString(example);
    for (ConfigKey key : ConfigKey.ALL) {
      assertThat(text).as(key.path()).contains(key.path().substring(key.path().lastIndexOf('.') + 1) + ":");
    }
  }

  @Test
  void referenceDrawsFollowTheSourceUnlessListedOrOff() throws Exception {
    assertThat(Settings.defaults().referenceDrawNetworks()).isEmpty();
    assertThat(Settings.defaults().duration("audit.reference_refresh")).isEqualTo(Duration.ofDays(7));
    assertThat(Settings.defaults().string("source.bluesky.relay_url")).isEqualTo("https://bsky.network/xrpc/");
    assertThat(Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_SOURCE_DEFAULT", "bluesky",
        "INFLUENCE_BOT_SOURCE_DEFAULT_NETWORK", "mastodon")).referenceDrawNetworks()).containsExactly("bluesky", "mastodon");
    assertThat(Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_SOURCE_DEFAULT", "bluesky",
        "INFLUENCE_BOT_AUDIT_REFERENCE_DRAW", "off")).referenceDrawNetworks()).isEmpty();
    Settings listed = Settings.load(Optional.of(write("audit:\n  reference_draw: mastodon, bluesky\n  reference_refresh: 2d\n")),
        Map.of("INFLUENCE_BOT_AUDIT_REFERENCE_REFRESH", "3d"));
    assertThat(listed.referenceDrawNetworks()).containsExactly("mastodon", "bluesky");
    assertThat(listed.duration("audit.reference_refresh")).isEqualTo(Duration.ofDays(3));

    assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_AUDIT_REFERENCE_DRAW", "bluesky,twitter",
        "INFLUENCE_BOT_AUDIT_REFERENCE_REFRESH", "10m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'audit.reference_draw'").hasMessageContaining("auto, off or a list")
        .hasMessageContaining("'audit.reference_refresh'").hasMessageContaining("1h to 365d");
    assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_AUDIT_REFERENCE_DRAW", "http")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("'source.http.base_url'");
  }

  @Test
  void environmentOverridesTheFile() throws Exception {
    Settings s = Settings.load(Optional.of(write("cache:\n  expire_after: 2h\nlanguage: en\n")),
        Map.of("INFLUENCE_BOT_LANGUAGE", "fr"));
    assertThat(s.string("language")).isEqualTo("fr");
    assertThat(s.duration("cache.expire_after")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void badValuesAreReportedWithTheKeyAndTheFix() throws Exception {
    Path f = write("language: de\ncache:\n  expire_after: soon\n  max_entries: lots\nsource:\n  defualt: http\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(f), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'language'").hasMessageContaining("en or fr")
        .hasMessageContaining("'cache.expire_after'").hasMessageContaining("30s, 5m")
        .hasMessageContaining("'cache.max_entries'")
        .hasMessageContaining("unknown key 'source.defualt'").hasMessageContaining("Did you mean 'source.default'");
  }

  @Test
  void sourceKeysAreCheckedHereSoThatARunNeverMeetsThem() throws Exception {
    assertThatThrownBy(() -> Settings.load(Optional.of(write("source:\n  default_network: myspace\n  timeout: 0s\n")),
        Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'source.default_network'").hasMessageContaining("bluesky, mastodon, twitter")
        .hasMessageContaining("'source.timeout'").hasMessageContaining("1s to 10m");
    Settings http = Settings.load(Optional.of(write("source:\n  default: http\n  http:\n    base_url: http://127.0.0.1:9/\n")),
        Map.of());
    assertThat(http.optional("source.default_network")).isEmpty();
    assertThat(http.integer("source.deep_follower_requests")).isEqualTo(8);
  }

  @Test
  void theStoresPoolAndBusyTimeoutAreCheckedWithTheirRanges() throws Exception {
    assertThatThrownBy(() -> Settings.load(Optional.of(write("store:\n  pool_size: 0\n  busy_timeout: 1h\n")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'store.pool_size'").hasMessageContaining("from 1 to 100")
        .hasMessageContaining("'store.busy_timeout'").hasMessageContaining("0s to 10m");
    Settings s = Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_STORE_POOL_SIZE", "12"));
    assertThat(s.integer("store.pool_size")).isEqualTo(12);
    assertThat(s.duration("store.busy_timeout")).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theMemberRetentionIsADurationFromADayToTenYears() throws Exception {
    assertThat(Settings.defaults().duration("store.member_retention")).isEqualTo(Duration.ofDays(180));
    assertThat(Settings.load(Optional.of(write("store:\n  member_retention: 62d\n")), Map.of())
        .duration("store.member_retention")).isEqualTo(Duration.ofDays(62));
    assertThatThrownBy(() -> Settings.load(Optional.of(write("store:\n  member_retention: 12h\n")), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'store.member_retention' (from ").hasMessageContaining("must be from 1d to 3650d");
    assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_STORE_MEMBER_RETENTION", "half a year")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'store.member_retention'").hasMessageContaining("must be a duration such as");
  }

  @Test
  void tokensAreRefusedInTheFileAndHiddenWhenShown() throws Exception {
    assertThatThrownBy(() -> Settings.load(Optional.of(write("discord:\n  token: abc.def.ghi\n")), Map.of()))
        .hasMessageContaining("INFLUENCE_BOT_DISCORD_TOKEN").hasMessageNotContaining("abc.def.ghi");
    Settings s = Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_TELEGRAM_TOKEN", "123:SECRET"));
    assertThat(s.string("telegram.token")).isEqualTo("123:SECRET");
    assertThat(String.join("\n", s.describe())).doesNotContain("SECRET").contains("telegram.token = (set, hidden)");
  }

  @Test
  void everyUrlWithCredentialsIsShownWithoutThem() throws Exception {
    // A password in store.jdbc_url is refused (below); what it may still carry, a user name, is hidden when shown.
    Settings s = Settings.load(Optional.empty(), Map.of(
        "INFLUENCE_BOT_STORE_JDBC_URL", "jdbc:postgresql://db.example:5432/bot?sslmode=require&user=HUNTER2",
        "INFLUENCE_BOT_SOURCE_HTTP_BASE_URL", "https://metrics.example/api?token=HUNTER4"));
    String shown = String.join("\n", s.describe());
    assertThat(shown).doesNotContain("HUNTER").doesNotContain("bot:")
        .contains("store.jdbc_url = jdbc:postgresql://db.example:5432/bot?sslmode=require&user=***")
        .contains("source.http.base_url = https://metrics.example/api?token=***");
  }

  @Test
  void aJdbcUrlWithAPasswordIsRefusedAsRedisUrlIs() throws Exception {
    for (String url : new String[] {
        "jdbc:postgresql://bot:HUNTER2@db.example:5432/bot",
        "jdbc:postgresql://db.example:5432/bot?sslmode=require&password=HUNTER3",
        "jdbc:postgresql://db.example/bot?user=bot&PASSWORD=HUNTER3",
        "jdbc:postgresql://db.example/bot?sslpassword=HUNTER5",
        "jdbc:postgresql://db/bot;user=bot;password=HUNTER6"}) {
      assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_STORE_JDBC_URL", url)))
          .as(url).isInstanceOf(ConfigException.class)
          .hasMessage("'store.jdbc_url' must not hold a password: set INFLUENCE_BOT_STORE_PASSWORD in the environment or "
              + "the secrets file, and give the URL without it.")
          .hasMessageNotContaining("HUNTER");
    }
    Path f = write("store:\n  jdbc_url: jdbc:postgresql://bot:HUNTER2@db.example:5432/bot\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(f), Map.of())).hasMessageContaining("'store.jdbc_url' must not hold a password");
    Settings s = Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_STORE_JDBC_URL",
        "jdbc:postgresql://[::1]:5432/bot?user=bot&sslmode=require", "INFLUENCE_BOT_STORE_PASSWORD", "pw"));
    assertThat(s.string("store.jdbc_url")).isEqualTo("jdbc:postgresql://[::1]:5432/bot?user=bot&sslmode=require");
  }

  @Test
  void secretsComeFromASecretsFile() throws Exception {
    Path secrets = dir.resolve("secrets.env");
    Files.writeString(secrets, "# tokens\nINFLUENCE_BOT_DISCORD_TOKEN=xyz\n");
    Settings s = Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_SECRETS_FILE", secrets.toString()));
    assertThat(s.string("discord.token")).isEqualTo("xyz");
  }

  @Test
  void aMissingOrBrokenFileIsASentence() throws Exception {
    assertThatThrownBy(() -> Settings.load(Optional.of(dir.resolve("nope.yml")), Map.of()))
        .hasMessageContaining("no such configuration file");
    assertThatThrownBy(() -> Settings.load(Optional.of(write("language: [unclosed\n")), Map.of()))
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void severalProcessKeysAreCheckedWithTheFix() throws Exception {
    Path f = write("redis:\n  url: redis://user:hunter2@cache:6379\ntelegram:\n  webhook:\n    url: http://bot.example.org/tg\n"
        + "    listen: everywhere\ndiscord:\n  shard_total: 2\n  shards: 1-2\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(f), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'redis.url' must not hold a password").hasMessageContaining("INFLUENCE_BOT_REDIS_PASSWORD")
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("'telegram.webhook.url' must be an https address")
        .hasMessageContaining("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN must be set")
        .hasMessageContaining("'telegram.webhook.listen' must be an address and a port")
        .hasMessageContaining("shards are numbered 0 to 1");
  }

  @Test
  void aWebhookWithItsSecretAndRedisAreAccepted() throws Exception {
    Path f = write("redis:\n  url: redis://cache:6379/0\ntelegram:\n  webhook:\n    url: https://bot.example.org/tg\n"
        + "    listen: 0.0.0.0:8443\n");
    Settings s = Settings.load(Optional.of(f), Map.of("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", "s3cret_-x" + "0123456789abcdef0123456789abcdef",
        "INFLUENCE_BOT_REDIS_PASSWORD", "pw"));
    assertThat(s.string("redis.url")).isEqualTo("redis://cache:6379/0");
    assertThat(s.duration("redis.timeout")).isEqualTo(Duration.ofMillis(500));
    assertThat(String.join("\n", s.describe())).doesNotContain("s3cret_-x").doesNotContain("pw\n");
  }

  @Test
  void aWebhookSecretShorterThan32CharactersIsRefusedWithTheKeyAndTheFix() throws Exception {
    Path f = write("telegram:\n  webhook:\n    url: https://bot.example.org/tg\n");
    assertThatThrownBy(() -> Settings.load(Optional.of(f), Map.of("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("'telegram.webhook.secret_token' (INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN) must be 32 to 256 random "
            + "letters, digits, _ or -, which no one can guess: set it to the output of openssl rand -hex 32.");
    String shortSecret = "SECRET7_" + "a".repeat(23);
    assertThatThrownBy(() -> Settings.load(Optional.of(f), Map.of("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", shortSecret)))
        .hasMessageContaining("must be 32 to 256").hasMessageNotContaining("SECRET7");
    assertThat(Settings.load(Optional.of(f), Map.of("INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN", shortSecret + "b"))
        .string("telegram.webhook.secret_token")).hasSize(32);
  }

  @Test
  void discordMemberAuditIsOffUnlessSetAndShownByCheckConfig() throws Exception {
    assertThat(Settings.defaults().bool("discord.member_audit")).isFalse();
    assertThat(String.join("\n", Settings.defaults().describe())).contains("discord.member_audit = false");
    Settings on = Settings.load(Optional.of(write("discord:\n  member_audit: true\n")), Map.of());
    assertThat(on.bool("discord.member_audit")).isTrue();
    assertThatThrownBy(() -> Settings.load(Optional.empty(), Map.of("INFLUENCE_BOT_DISCORD_MEMBER_AUDIT", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'discord.member_audit'").hasMessageContaining("must be true or false");
  }
}
