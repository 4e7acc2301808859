package org.influencebot.core.source;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.influencebot.core.account.Account;
import org.influencebot.core.handle.Handle;

/**
 * Sends each handle to the source of its network ({@code bluesky}, {@code mastodon}, …) and everything
 * else to the moderator's default source. A handle typed without a network is read as being on
 * {@code defaultNetwork} when one is set; {@link #fetchOn(Handle, String)} forces a network.
 */
public final class SourceRouter implements MetricsSource {
  private final Map<String, MetricsSource> byNetwork;
  private final MetricsSource defaultSource;
  private final Optional<String> defaultNetwork;

  /**
   * @param byNetwork the source of each network, e.g. {@code bluesky → BlueskySource}
   * @param defaultSource the moderator's chosen source for every other network and unqualified handles
   * @param defaultNetwork the network of handles typed without one, if the moderator set one
   */
  public SourceRouter(Map<String, MetricsSource> byNetwork, MetricsSource defaultSource,
      Optional<String> defaultNetwork) {
    this.byNetwork = Map.copyOf(byNetwork);
    this.defaultSource = Objects.requireNonNull(defaultSource);
    this.defaultNetwork = Objects.requireNonNull(defaultNetwork);
  }

  @Override
  public String name() {
    return defaultSource.name();
  }

  @Override
  public boolean serves(String network) {
    MetricsSource s = byNetwork.get(network);
    return s != null ? s.serves(network) : defaultSource.serves(network);
  }

  /** The source a handle goes to, and the handle as it is asked. */
  public MetricsSource route(Handle handle) {
    Handle h = defaultNetwork.map(handle::orOn).orElse(handle);
    return h.network().map(byNetwork::get).orElse(defaultSource);
  }

  @Override
  public String nameFor(Handle handle) {
    return route(handle).name();
  }

  @Override
  public CompletableFuture<Account> fetch(Handle handle) {
    Handle h = defaultNetwork.map(handle::orOn).orElse(handle);
    return route(h).fetch(h);
  }

  /** Looks {@code handle}'s name up on {@code network}, whatever network it was typed with. */
  public CompletableFuture<Account> fetchOn(Handle handle, String network) {
    return fetch(Handle.of(network, handle.name()));
  }
}
