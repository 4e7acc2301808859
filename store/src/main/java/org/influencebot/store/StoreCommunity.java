package org.influencebot.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.influencebot.core.command.ChatRules;
import org.influencebot.core.command.Community;
import org.influencebot.core.settings.SettingKey;
import org.influencebot.core.settings.ScopeSettings;
import org.influencebot.core.settings.InvalidSettingException;

/** The store as the core's commands see it: chats' settings and members' links, by platform name. */
public final class StoreCommunity implements Community {
  private final Store store;

  public StoreCommunity(Store store) {
    this.store = store;
  }

  private static Platform platform(String name) {
    return Platform.valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static Scope scope(String platform, String chat) {
    return new Scope(platform(platform), chat);
  }

  private static Member member(String platform, String id) {
    return new Member(platform(platform), id);
  }

  @Override
  public ChatRules rules(String platform, String chat) {
    return store.settings().settingsOf(scope(platform, chat));
  }

  @Override
  public List<Setting> settings(String platform, String chat) {
    ScopeSettings now = store.settings().settingsOf(scope(platform, chat));
    return Arrays.stream(SettingKey.values()).map(k -> new Setting(k.key(), k.current(now))).toList();
  }

  @Override
  public Setting change(String platform, String chat, String moderator, String key, String value)
      throws InvalidSetting {
    try {
      ScopeSettings now = store.settings().change(scope(platform, chat), moderator, key, value);
      SettingKey k = SettingKey.named(key);
      return new Setting(k.key(), k.current(now));
    } catch (InvalidSettingException e) {
      throw new InvalidSetting(e.validValues());
    }
  }

  @Override
  public String keys() {
    return SettingKey.allKeys();
  }

  @Override
  public Optional<String> linkOf(String platform, String member) {
    return store.links().linkOf(member(platform, member)).map(LinkedHandle::handle);
  }

  @Override
  public Optional<String> linkIn(String platform, String chat, String member) {
    return store.links().linkIn(scope(platform, chat), member(platform, member)).map(LinkedHandle::handle);
  }

  @Override
  public void link(String platform, String member, String handle) {
    store.links().link(member(platform, member), handle);
  }

  @Override
  public boolean unlink(String platform, String member) {
    return store.links().unlink(member(platform, member));
  }

  @Override
  public boolean removeLink(String platform, String chat, String moderator, String member) {
    return store.links().removeByModerator(scope(platform, chat), moderator, member(platform, member));
  }
}
