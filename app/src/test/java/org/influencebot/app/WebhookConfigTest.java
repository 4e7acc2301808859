package org.influencebot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A guessable webhook secret stops {@code check-config} with one sentence that names the key and the fix. */
class WebhookConfigTest {
  @TempDir
  Path dir;

  @Test
  void aShortWebhookSecretIsRefusedByCheckConfigInOneSentence() throws Exception {
    Path secrets = dir.resolve("secrets.env");
    Files.writeString(secrets, "INFLUENCE_BOT_TELEGRAM_WEBHOOK_SECRET_TOKEN=HUNTER2short\n");
    Path config = dir.resolve("bot.yml");
    Files.writeString(config, "data_dir: " + dir.resolve("state") + "\nsecrets_file: " + secrets
        + "\ntelegram:\n  webhook:\n    url: https://bot.example.org/telegram\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(new String[] {"--config", config.toString(), "check-config"}, new PrintWriter(out, true),
        new PrintWriter(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("'telegram.webhook.secret_token'").contains("32 to 256 random")
        .contains("openssl rand -hex 32").doesNotContain("HUNTER2").doesNotContain("Exception");
    assertThat(err.toString().lines().filter(l -> l.startsWith("  - ")).count()).isEqualTo(1);
    assertThat(out.toString()).doesNotContain("HUNTER2");
  }
}
