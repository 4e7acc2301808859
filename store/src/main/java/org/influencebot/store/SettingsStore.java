package org.influencebot.store;

import org.influencebot.core.settings.ScopeSettings;
import org.influencebot.core.settings.InvalidSettingException;

/** Per-scope settings, changed one key at a time by moderators; every change is audited. */
public interface SettingsStore {

  /** The settings in force in a scope: what its moderators changed, defaults for the rest. */
  ScopeSettings settingsOf(Scope scope);

  /**
   * Sets one key, as a moderator typed it ({@code "cooldown"}, {@code "30"}), and records who did it.
   *
   * @return the settings now in force
   * @throws InvalidSettingException for an unknown key or a bad value, naming the key and the valid values
   */
  ScopeSettings change(Scope scope, String moderatorId, String key, String value);

  /** Puts one key back to its default, and records who did it. */
  ScopeSettings reset(Scope scope, String moderatorId, String key);
}
