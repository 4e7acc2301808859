package org.influencebot.core.command;

/**
 * Who asked, for limits: the user and the chat or server, each prefixed by platform
 * ({@code discord:123}, {@code telegram:-100…}, {@code console:local}), and the network a bare handle
 * means there, when a moderator set one.
 */
public record Requester(String user, String scope, java.util.Optional<String> defaultNetwork) {
  /** A requester in a chat or server without its own default network. */
  public Requester(String user, String scope) {
    this(user, scope, java.util.Optional.empty());
  }

  public static Requester console() {
    return new Requester("console:local", "console:local");
  }
}
