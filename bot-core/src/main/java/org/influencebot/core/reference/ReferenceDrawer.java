package org.influencebot.core.reference;

import java.util.Optional;
import java.util.Set;

/**
 * Draws a network's reference sample from a remote origin (a Bluesky relay, a Mastodon directory, a
 * moderator's service): many requests, within a budget, so never during a lookup. {@link DrawnReferences}
 * runs it on its own background thread and keeps what it draws.
 */
public interface ReferenceDrawer {
  /** A short name for logs, {@code bluesky-relay}. */
  String name();

  /** Networks drawn as soon as the bot starts (and refreshed from then on). */
  Set<String> networks();

  /** Whether it may draw {@code network} when an audit first asks for it (the eager ones included). */
  default boolean serves(String network) {
    return networks().contains(network);
  }

  /**
   * Draws a reference now. Blocking; may take minutes.
   *
   * @return empty when the origin has no sample of that network (the HTTP source's 404)
   * @throws RuntimeException (usually a {@code SourceException}) when the origin failed; its message is
   *     one line for the operator's log, without secrets
   */
  Optional<Reference> draw(String network);
}
