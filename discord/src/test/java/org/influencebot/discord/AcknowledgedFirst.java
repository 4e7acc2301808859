package org.influencebot.discord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.influencebot.core.command.ChatRules;
import org.influencebot.core.command.Community;

/**
 * The store as the end-to-end tests give it to the bot, checking that an acknowledgement never waits
 * for it: every call that can wait (everything beyond a chat's remembered rules) goes on only once the
 * fake Discord holds the acknowledgement of the interaction sent last. A bot that reached the store
 * before acknowledging would hold this call until {@code patience} ran out, and the call is noted in
 * {@link #reachedBeforeAcknowledging}. Nothing is measured on the clock: only the order.
 */
final class AcknowledgedFirst implements Community {
  private final Community store;
  private final FakeDiscord discord;
  private final Duration patience;
  /** The calls that reached the store while the interaction they answer was not acknowledged. */
  final List<String> reachedBeforeAcknowledging = new CopyOnWriteArrayList<>();

  AcknowledgedFirst(Community store, FakeDiscord discord, Duration patience) {
    this.store = store;
    this.discord = discord;
    this.patience = patience;
  }

  private void afterTheAcknowledgement(String what) {
    Optional<String> interaction = discord.lastInteraction();
    if (interaction.isEmpty()) {
      return;
    }
    try {
      if (!discord.awaitAcknowledged(interaction.get(), patience)) {
        reachedBeforeAcknowledging.add(what + " for interaction " + interaction.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reachedBeforeAcknowledging.add(what + " interrupted");
    }
  }

  @Override
  public ChatRules rules(String platform, String chat) {
    return store.rules(platform, chat);
  }

  @Override
  public List<Setting> settings(String platform, String chat) {
    afterTheAcknowledgement("settings");
    return store.settings(platform, chat);
  }

  @Override
  public Setting change(String platform, String chat, String moderator, String key, String value)
      throws InvalidSetting {
    afterTheAcknowledgement("change " + key);
    return store.change(platform, chat, moderator, key, value);
  }

  @Override
  public String keys() {
    return store.keys();
  }

  @Override
  public Optional<String> linkOf(String platform, String member) {
    afterTheAcknowledgement("linkOf");
    return store.linkOf(platform, member);
  }

  @Override
  public Optional<String> linkIn(String platform, String chat, String member) {
    afterTheAcknowledgement("linkIn");
    return store.linkIn(platform, chat, member);
  }

  @Override
  public void link(String platform, String member, String handle) {
    afterTheAcknowledgement("link");
    store.link(platform, member, handle);
  }

  @Override
  public boolean unlink(String platform, String member) {
    afterTheAcknowledgement("unlink");
    return store.unlink(platform, member);
  }

  @Override
  public boolean removeLink(String platform, String chat, String moderator, String member) {
    afterTheAcknowledgement("removeLink");
    return store.removeLink(platform, chat, moderator, member);
  }
}
