package org.influencebot.store;

import java.util.ArrayList;
import java.util.List;
import org.influencebot.core.text.Messages;

/**
 * The settings command as every platform answers it: list a scope's settings, or change one, in
 * the user's language. Who may change settings is checked by each platform before calling this.
 */
public final class SettingsReplies {
  private final Store store;

  public SettingsReplies(Store store) {
    this.store = store;
  }

  /** Every setting with its value in force, one per line. */
  public String show(Scope scope, Messages m) {
    ScopeSettings settings = store.settings().settingsOf(scope);
    List<String> lines = new ArrayList<>();
    lines.add(m.get("settings.title"));
    for (SettingKey key : SettingKey.values()) {
      lines.add("  " + key.key() + " = " + key.current(settings));
    }
    lines.add(m.get("settings.howTo", SettingKey.allKeys()));
    return String.join("\n", lines);
  }

  /** Changes one setting and says what it is now, or why the value was refused. */
  public String change(Scope scope, String moderatorId, String key, String value, Messages m) {
    try {
      ScopeSettings now = store.settings().change(scope, moderatorId, key, value);
      SettingKey k = SettingKey.named(key);
      return m.get("settings.changed", k.key(), k.current(now));
    } catch (InvalidSettingException e) {
      return m.get("settings.invalid", clip(key), clip(value), e.validValues());
    }
  }

  private static String clip(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > 40 ? t.substring(0, 40) + "…" : t;
  }
}
