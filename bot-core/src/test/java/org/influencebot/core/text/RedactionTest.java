package org.influencebot.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void credentialsInAUrlAreHiddenAndTheRestStaysReadable() {
    assertThat(Redaction.credentials("jdbc:postgresql://bot:HUNTER2@db:5432/bot?sslmode=require&password=HUNTER3"))
        .isEqualTo("jdbc:postgresql://***@db:5432/bot?sslmode=require&password=***");
    assertThat(Redaction.credentials("https://api.example/v1?token=abc&page=2")).isEqualTo("https://api.example/v1?token=***&page=2");
    assertThat(Redaction.credentials("jdbc:postgresql://db/bot;user=bot;password=x")).isEqualTo("jdbc:postgresql://db/bot;user=***;password=***");
    assertThat(Redaction.credentials("https://bsky.social/xrpc")).isEqualTo("https://bsky.social/xrpc");
    assertThat(Redaction.credentials("mail me: a@b.c")).isEqualTo("mail me: a@b.c");
  }
}
