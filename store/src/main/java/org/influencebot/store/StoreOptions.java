package org.influencebot.store;

import java.time.Clock;
import java.util.Objects;

/**
 * How the store behaves, apart from where it lives.
 *
 * @param clock the time of links, history pruning and audit entries
 * @param settingRules the valid setting values and the defaults
 * @param retention how much score history to keep
 */
public record StoreOptions(Clock clock, SettingRules settingRules, RetentionPolicy retention) {
  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settingRules, "settingRules");
    Objects.requireNonNull(retention, "retention");
  }

  public static StoreOptions standard(Clock clock) {
    return new StoreOptions(clock, SettingRules.standard(), RetentionPolicy.standard());
  }
}
