package org.influencebot.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.influencebot.core.settings.SettingRules;

/**
 * How the store behaves, apart from where it lives.
 *
 * @param clock the time of links, history pruning and audit entries
 * @param settingRules the valid setting values and the defaults
 * @param retention how much score history to keep
 * @param busyTimeout how long an SQLite transaction waits for another process's write to end before it
 *     fails with a sentence (transactions are a few milliseconds, so this is only ever reached when
 *     something holds the file much longer than the bot would)
 * @param settingsCache how long a scope's settings are read from memory; a change made through this
 *     store is seen at once, one made by another process (PostgreSQL) within this time
 * @param settingsTicker the time of that cache (a test moves it by hand)
 * @param postgresPoolSize the most PostgreSQL connections this process opens
 */
public record StoreOptions(Clock clock, SettingRules settingRules, RetentionPolicy retention, Duration busyTimeout,
    Duration settingsCache, Ticker settingsTicker, int postgresPoolSize) {
  public static final Duration STANDARD_BUSY_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration STANDARD_SETTINGS_CACHE = Duration.ofSeconds(5);
  public static final int STANDARD_POOL_SIZE = 4;

  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settingRules, "settingRules");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(settingsTicker, "settingsTicker");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    Objects.requireNonNull(settingsCache, "settingsCache");
    if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("busyTimeout must be from 0 to 24 days, not " + busyTimeout);
    }
    if (settingsCache.isNegative()) {
      throw new IllegalArgumentException("settingsCache must not be negative, not " + settingsCache);
    }
    if (postgresPoolSize < 1) {
      throw new IllegalArgumentException("postgresPoolSize must be at least 1, not " + postgresPoolSize);
    }
  }

  /** The standard busy timeout, settings cache and pool, with these rules. */
  public StoreOptions(Clock clock, SettingRules settingRules, RetentionPolicy retention) {
    this(clock, settingRules, retention, STANDARD_BUSY_TIMEOUT, STANDARD_SETTINGS_CACHE, Ticker.systemTicker(),
        STANDARD_POOL_SIZE);
  }

  public static StoreOptions standard(Clock clock) {
    return new StoreOptions(clock, SettingRules.standard(), RetentionPolicy.standard());
  }

  public StoreOptions withBusyTimeout(Duration timeout) {
    return new StoreOptions(clock, settingRules, retention, timeout, settingsCache, settingsTicker, postgresPoolSize);
  }

  /** Settings read from memory for {@code ttl} (zero: always from the database), timed by {@code ticker}. */
  public StoreOptions withSettingsCache(Duration ttl, Ticker ticker) {
    return new StoreOptions(clock, settingRules, retention, busyTimeout, ttl, ticker, postgresPoolSize);
  }

  public StoreOptions withPostgresPoolSize(int size) {
    return new StoreOptions(clock, settingRules, retention, busyTimeout, settingsCache, settingsTicker, size);
  }
}
