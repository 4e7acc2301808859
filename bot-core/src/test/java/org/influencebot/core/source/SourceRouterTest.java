package org.influencebot.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;
import org.influencebot.core.text.Messages;
import org.influencebot.core.text.Text;
import org.junit.jupiter.api.Test;

class SourceRouterTest {
  /** A source that answers the handle it was asked, and remembers it. */
  private static final class Recording implements MetricsSource {
    final String name;
    final List<Handle> asked = new CopyOnWriteArrayList<>();

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean serves(String network) {
      return true;
    }

    @Override
    public CompletableFuture<Account> fetch(Handle handle) {
      asked.add(handle);
      return CompletableFuture.completedFuture(Account.builder(handle.name()).network(handle.network().orElse(null))
          .build());
    }
  }

  private final Recording bluesky = new Recording("bluesky");
  private final Recording mastodon = new Recording("mastodon");
  private final Recording http = new Recording("http");

  @Test
  void routesByNetworkAndEverythingElseToTheDefault() {
    SourceRouter r = new SourceRouter(Map.of("bluesky", bluesky, "mastodon", mastodon), http, Optional.empty());
    r.fetch(Handle.of("bluesky", "a.bsky.social")).join();
    r.fetch(Handle.of("mastodon", "a@m.example")).join();
    r.fetch(Handle.of("twitter", "a")).join();
    r.fetch(Handle.unqualified("b")).join();
    assertThat(bluesky.asked).containsExactly(Handle.of("bluesky", "a.bsky.social"));
    assertThat(mastodon.asked).containsExactly(Handle.of("mastodon", "a@m.example"));
    assertThat(http.asked).containsExactly(Handle.of("twitter", "a"), Handle.unqualified("b"));
    assertThat(r.name()).isEqualTo("http");
  }

  @Test
  void unqualifiedHandlesTakeTheDefaultNetworkAndANetworkCanBeForced() {
    SourceRouter r = new SourceRouter(Map.of("bluesky", bluesky, "mastodon", mastodon), http, Optional.of("mastodon"));
    assertThat(r.fetch(Handle.unqualified("alice")).join().network()).contains("mastodon");
    assertThat(mastodon.asked).containsExactly(Handle.of("mastodon", "alice"));
    r.fetchOn(Handle.of("twitter", "alice.bsky.social"), "bluesky").join();
    assertThat(bluesky.asked).containsExactly(Handle.of("bluesky", "alice.bsky.social"));
    assertThat(r.route(Handle.of("instagram", "x"))).isSameAs(http);
  }

  @Test
  void everySourceKeyIsInBothLanguagesAndFormats() throws Exception {
    Properties en = new Properties();
    Properties fr = new Properties();
    try (var in = Messages.class.getResourceAsStream("messages.properties")) {
      en.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    try (var in = Messages.class.getResourceAsStream("messages_fr.properties")) {
      fr.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    List<String> keys = en.stringPropertyNames().stream().filter(k -> k.startsWith("source.")).sorted().toList();
    assertThat(keys).contains("source.unavailable", "source.timeout", "source.rateLimited", "source.badResponse",
        "source.circuitOpen");
    assertThat(fr.stringPropertyNames().stream().filter(k -> k.startsWith("source.")).sorted().toList())
        .isEqualTo(keys);
    for (String k : keys) {
      for (Messages m : List.of(Messages.english(), Messages.forTag("fr"))) {
        String s = m.format(Text.of(k, "Bluesky", 3L));
        assertThat(s).as(k).doesNotContain("{").doesNotContain("''").isNotEqualTo(k);
      }
    }
    assertThat(Messages.forTag("fr").format(Text.of("source.circuitOpen", "Bluesky", 1L)))
        .isEqualTo("Bluesky ne répond pas en ce moment ; réessayez dans 1 minute.");
  }
}
