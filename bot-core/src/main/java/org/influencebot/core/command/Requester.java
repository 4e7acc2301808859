package org.influencebot.core.command;

/**
 * Who asked, for limits: the user and the chat or server, each prefixed by platform
 * ({@code discord:123}, {@code telegram:-100…}, {@code console:local}).
 */
public record Requester(String user, String scope) {
  public static Requester console() {
    return new Requester("console:local", "console:local");
  }
}
