package org.influencebot.app;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.influencebot.config.ConfigException;
import org.influencebot.config.Settings;
import org.influencebot.core.reference.DrawnReferences;
import org.influencebot.core.reference.ReferenceDrawer;
import org.influencebot.core.reference.ReferenceKeeper;
import org.influencebot.core.source.bluesky.BlueskyReferenceDraw;
import org.influencebot.core.source.http.HttpCallPolicy;
import org.influencebot.core.source.http.HttpReferenceDraw;
import org.influencebot.core.source.http.HttpSourceOptions;
import org.influencebot.core.source.http.HttpTimeouts;
import org.influencebot.core.source.http.SourceHttpClient;
import org.influencebot.core.source.http.SourceRuntime;
import org.influencebot.core.source.mastodon.MastodonOptions;
import org.influencebot.core.source.mastodon.MastodonReferenceDraw;

/**
 * Builds the bot's own reference draws from the settings ({@code audit.reference_draw},
 * {@code audit.reference_refresh}, {@code source.bluesky.relay_url}; docs/sources.md, "Reference samples").
 * The draws have their own HTTP client (the same public-address guard as the sources) and their own
 * thread, so that a draw of tens of requests never holds a lookup's connections or threads.
 */
final class ReferenceDraws {
  /** One request of a draw may take this long (a relay page of 1000 accounts is some 150 kB). */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private ReferenceDraws() {}

  /** The drawers of the configured networks; none when {@code audit.reference_draw} is off. */
  static List<ReferenceDrawer> drawers(Settings settings, Executor io, Clock clock) throws ConfigException {
    return drawers(settings, io, clock, new SplittableRandom());
  }

  /** As above, drawing with {@code random} (split for each drawer): a seeded one in tests. */
  static List<ReferenceDrawer> drawers(Settings settings, Executor io, Clock clock, SplittableRandom random)
      throws ConfigException {
    List<String> networks = settings.referenceDrawNetworks();
    if (networks.isEmpty()) {
      return List.of();
    }
    HttpUrl relay = BotContext.url(settings, "source.bluesky.relay_url");
    HttpUrl appView = BotContext.url(settings, "source.bluesky.base_url");
    Optional<HttpUrl> mastodonUrl = BotContext.optionalUrl(settings, "source.mastodon.base_url");
    Optional<HttpUrl> httpUrl = BotContext.optionalUrl(settings, "source.http.base_url");
    Set<String> configured = new HashSet<>(List.of(relay.host(), appView.host()));
    mastodonUrl.ifPresent(u -> configured.add(u.host()));
    httpUrl.ifPresent(u -> configured.add(u.host()));
    OkHttpClient client = SourceHttpClient.create(new HttpTimeouts(Duration.ofSeconds(5), CALL_TIMEOUT, CALL_TIMEOUT),
        configured);
    SourceRuntime runtime = new SourceRuntime(client, io, clock, new java.util.Random(),
        org.influencebot.core.source.resilience.Sleeper.REAL, settings.duration("source.timeout"));
    List<ReferenceDrawer> drawers = new ArrayList<>();
    if (networks.contains("bluesky")) {
      drawers.add(new BlueskyReferenceDraw(BlueskyReferenceDraw.Options.defaults(relay, appView), runtime,
          random.split()));
    }
    if (networks.contains("mastodon")) {
      MastodonOptions mastodon = new MastodonOptions(settings.string("source.mastodon.default_instance"), mastodonUrl,
          0, 0, 0, 0, 0, HttpCallPolicy.defaults());
      drawers.add(new MastodonReferenceDraw(mastodon, MastodonReferenceDraw.Options.defaults(), runtime,
          random.split()));
    }
    if (networks.contains("http") && httpUrl.isPresent()) {
      HttpSourceOptions options = HttpSourceOptions.of(httpUrl.get());
      Optional<String> env = settings.optional("source.http.auth_header_env");
      if (env.isPresent()) {
        options = options.withAuthEnvVar(env.get());
      }
      try {
        drawers.add(HttpReferenceDraw.fromEnvironment(options, Launch.environment(), runtime, Duration.ofMinutes(3)));
      } catch (IllegalStateException e) {
        throw new ConfigException("'source.http.auth_header_env': " + e.getMessage());
      }
    }
    return drawers;
  }

  /** The drawn references, loaded from {@code keeper} now and drawn or refreshed in the background. */
  static DrawnReferences start(Settings settings, Executor io, ReferenceKeeper keeper, Clock clock)
      throws ConfigException {
    return DrawnReferences.withOwnThread(drawers(settings, io, clock), keeper, clock,
        DrawnReferences.Options.refreshEvery(settings.duration("audit.reference_refresh"))).start();
  }
}
