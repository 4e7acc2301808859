package org.influencebot.core.handle;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A social account's handle on a network, as a user typed it and the parser normalized it.
 *
 * @param network the network, or empty when the user did not say (a bare {@code @alice}): the
 *     moderator's default network then applies
 * @param name the handle without {@code @}: {@code alice}, {@code alice.bsky.social}, {@code did:plc:…},
 *     {@code alice@mastodon.social}
 */
public record Handle(Optional<String> network, String name) {
  /** The social networks a handle can be on, each with a name of its own in replies ({@code network.*}). */
  public static final List<String> NETWORKS = List.of("bluesky", "mastodon", "twitter", "instagram", "telegram",
      "discord");
  /**
   * What a handle typed without a network may be taken to be on: a social network, or the built-in sample
   * and dataset-file sources (their accounts answer for any network).
   */
  public static final List<String> DEFAULT_NETWORKS =
      java.util.stream.Stream.concat(NETWORKS.stream(), java.util.stream.Stream.of("sample", "file")).toList();

  public Handle {
    Objects.requireNonNull(network);
    Objects.requireNonNull(name);
  }

  public static Handle of(String network, String name) {
    return new Handle(Optional.of(network), name);
  }

  public static Handle unqualified(String name) {
    return new Handle(Optional.empty(), name);
  }

  /** The same handle on {@code defaultNetwork} when the user named none. */
  public Handle orOn(String defaultNetwork) {
    return network.isPresent() ? this : of(defaultNetwork, name);
  }

  /** A key that ignores case, since handles on every supported network are case-insensitive. */
  public String key() {
    return network.orElse("?") + ":" + name.toLowerCase(Locale.ROOT);
  }

  /** How the handle reads in a reply: {@code @alice} or {@code bsky:alice.bsky.social}. */
  public String display() {
    String n = network.orElse("");
    return switch (n) {
      case "bluesky" -> name.startsWith("did:") ? name : "@" + name;
      case "mastodon" -> "@" + name;
      default -> "@" + name;
    };
  }

  @Override
  public String toString() {
    return network.map(n -> n + ":").orElse("") + name;
  }
}
