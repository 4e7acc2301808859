package org.influencebot.discord;

import java.util.Optional;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import org.influencebot.core.command.Requester;
import org.influencebot.core.text.Messages;
import org.influencebot.store.Scope;
import org.influencebot.store.ScopeSettings;

/**
 * Where an interaction happens: a server, with the settings its moderators chose, or a direct
 * message, where only the user's own locale counts.
 *
 * @param server the server, empty in a direct message
 * @param settings the server's settings in force, empty in a direct message
 */
record Place(Optional<Scope> server, Optional<ScopeSettings> settings) {

  static Place directMessage() {
    return new Place(Optional.empty(), Optional.empty());
  }

  static Place server(Scope scope, ScopeSettings settings) {
    return new Place(Optional.of(scope), Optional.of(settings));
  }

  /** The server's language when its moderators set one, else the user's own. */
  Messages messages(DiscordLocale userLocale) {
    return settings.flatMap(ScopeSettings::language).map(Messages::forLocale)
        .orElseGet(() -> InteractionListener.messages(userLocale));
  }

  /** Whether answers are for the asker alone unless said otherwise. */
  boolean privateReplies() {
    return settings.map(ScopeSettings::privateReplies).orElse(false);
  }

  /** Who asks, for the core's limits, with the server's network for bare handles. */
  Requester requester(User user) {
    String scope = server.map(s -> "discord:guild:" + s.id()).orElse("discord:dm:" + user.getId());
    return new Requester("discord:" + user.getId(), scope, settings.map(ScopeSettings::defaultNetwork));
  }
}
