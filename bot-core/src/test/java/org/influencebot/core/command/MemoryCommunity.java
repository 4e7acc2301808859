package org.influencebot.core.command;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Chats' settings and members' links in memory, for the runner's tests (the store's own tests cover the store). */
class MemoryCommunity implements Community {
  record Rules(Optional<Locale> language, boolean privateReplies, Set<String> answerChannels, Duration cooldown,
      String defaultNetwork, Set<String> disabled) implements ChatRules {
    @Override
    public boolean isEnabled(String command) {
      return !disabled.contains(command);
    }
  }

  final Map<String, Rules> rules = new ConcurrentHashMap<>();
  final Map<String, String> links = new ConcurrentHashMap<>();
  final Map<String, String> audit = new ConcurrentHashMap<>();
  /** platform:chat:member whose link a moderator of the chat removed there. */
  final Set<String> removed = ConcurrentHashMap.newKeySet();

  static Rules defaults() {
    return new Rules(Optional.empty(), false, Set.of(), Duration.ZERO, "sample", Set.of());
  }

  void set(String platform, String chat, Rules r) {
    rules.put(platform + ":" + chat, r);
  }

  @Override
  public ChatRules rules(String platform, String chat) {
    return rules.getOrDefault(platform + ":" + chat, defaults());
  }

  @Override
  public List<Setting> settings(String platform, String chat) {
    Rules r = (Rules) rules(platform, chat);
    return List.of(new Setting("cooldown", Long.toString(r.cooldown().toSeconds())),
        new Setting("network", r.defaultNetwork()));
  }

  @Override
  public Setting change(String platform, String chat, String moderator, String key, String value)
      throws InvalidSetting {
    if (!key.equals("cooldown") || !value.matches("[0-9]{1,4}")) {
      throw new InvalidSetting("cooldown: 0 to 3600 seconds");
    }
    Rules r = (Rules) rules(platform, chat);
    set(platform, chat, new Rules(r.language(), r.privateReplies(), r.answerChannels(),
        Duration.ofSeconds(Long.parseLong(value)), r.defaultNetwork(), new HashSet<>(r.disabled())));
    audit.put(platform + ":" + chat, moderator + " set " + key);
    return new Setting(key, value);
  }

  @Override
  public String keys() {
    return "cooldown";
  }

  @Override
  public Optional<String> linkOf(String platform, String member) {
    return Optional.ofNullable(links.get(platform + ":" + member));
  }

  @Override
  public Optional<String> linkIn(String platform, String chat, String member) {
    return removed.contains(platform + ":" + chat + ":" + member) ? Optional.empty() : linkOf(platform, member);
  }

  @Override
  public void link(String platform, String member, String handle) {
    links.put(platform + ":" + member, handle);
    removed.removeIf(k -> k.startsWith(platform + ":") && k.endsWith(":" + member));
  }

  @Override
  public boolean unlink(String platform, String member) {
    return links.remove(platform + ":" + member) != null;
  }

  @Override
  public boolean removeLink(String platform, String chat, String moderator, String member) {
    if (linkIn(platform, chat, member).isEmpty()) {
      return false;
    }
    audit.put(platform + ":" + chat, moderator + " unlinked " + member);
    return removed.add(platform + ":" + chat + ":" + member);
  }
}
