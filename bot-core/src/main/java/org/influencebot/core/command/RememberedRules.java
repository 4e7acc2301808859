package org.influencebot.core.command;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * A {@link Community} that keeps each chat's rules in memory, so that answering a command (and on
 * Discord, acknowledging it within 3 seconds) does not wait for the store: a chat's rules are read once,
 * then served from memory and read again in the background when older than {@code refreshAfter} (the
 * answer does not wait for that either). A change made here is seen at once; one made by another process
 * sharing the store within {@code refreshAfter} or so. Everything else goes to the store.
 */
public final class RememberedRules implements Community {
  private record Chat(String platform, String chat) {}

  private final Community store;
  private final LoadingCache<Chat, ChatRules> rules;

  /** @param reads where rules are read again in the background (a store read may block) */
  public RememberedRules(Community store, Duration refreshAfter, Ticker ticker, Executor reads) {
    this.store = store;
    this.rules = Caffeine.newBuilder().maximumSize(50_000).refreshAfterWrite(refreshAfter)
        .expireAfterAccess(Duration.ofHours(6)).ticker(ticker).executor(reads)
        .build(c -> store.rules(c.platform(), c.chat()));
  }

  /** Rules read again, in the background, once older than 10 seconds. */
  public static RememberedRules of(Community store, Executor reads) {
    return new RememberedRules(store, Duration.ofSeconds(10), Ticker.systemTicker(), reads);
  }

  @Override
  public ChatRules rules(String platform, String chat) {
    return rules.get(new Chat(platform, chat));
  }

  @Override
  public List<Setting> settings(String platform, String chat) {
    return store.settings(platform, chat);
  }

  @Override
  public Setting change(String platform, String chat, String moderator, String key, String value)
      throws InvalidSetting {
    try {
      return store.change(platform, chat, moderator, key, value);
    } finally {
      rules.invalidate(new Chat(platform, chat));
    }
  }

  @Override
  public String keys() {
    return store.keys();
  }

  @Override
  public Optional<String> linkOf(String platform, String member) {
    return store.linkOf(platform, member);
  }

  @Override
  public Optional<String> linkIn(String platform, String chat, String member) {
    return store.linkIn(platform, chat, member);
  }

  @Override
  public void link(String platform, String member, String handle) {
    store.link(platform, member, handle);
  }

  @Override
  public boolean unlink(String platform, String member) {
    return store.unlink(platform, member);
  }

  @Override
  public boolean removeLink(String platform, String chat, String moderator, String member) {
    return store.removeLink(platform, chat, moderator, member);
  }
}
