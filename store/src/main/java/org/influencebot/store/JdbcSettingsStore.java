package org.influencebot.store;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import org.influencebot.core.settings.SettingKey;
import org.influencebot.core.settings.SettingRules;
import org.influencebot.core.settings.ScopeSettings;

/**
 * Settings as one row per changed key; the rest are the defaults of the {@link SettingRules}. Every
 * message a bot answers reads its scope's settings, so they are kept in memory for a few seconds
 * ({@link StoreOptions#settingsCache()}): a change through this store replaces its entry at once,
 * one made by another process sharing the database is seen when the entry expires.
 */
final class JdbcSettingsStore implements SettingsStore {
  private final Database database;
  private final Clock clock;
  private final SettingRules rules;
  private final LoadingCache<Scope, ScopeSettings> cache;

  JdbcSettingsStore(Database database, StoreOptions options) {
    this.database = database;
    this.clock = options.clock();
    this.rules = options.settingRules();
    this.cache = Caffeine.newBuilder()
        .expireAfterWrite(options.settingsCache())
        .ticker(options.settingsTicker())
        .maximumSize(10_000)
        .build(scope -> database.inTransaction("read the settings of " + describe(scope), c -> read(c, scope)));
  }

  @Override
  public ScopeSettings settingsOf(Scope scope) {
    return cache.get(scope);
  }

  @Override
  public ScopeSettings change(Scope scope, String moderatorId, String key, String value) {
    SettingKey setting = SettingKey.named(key);
    String canonical = setting.check(value, rules);
    String moderator = StoredText.require(moderatorId, "moderator id", 64);
    return changed(scope, database.inTransaction("change " + setting.key() + " in " + describe(scope), c -> {
      database.dialect().lockScope(c, scope);
      ScopeSettings before = read(c, scope);
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO scope_setting (platform, scope_id, setting_key, setting_value, changed_at) VALUES (?, ?, ?, ?, ?) "
              + "ON CONFLICT (platform, scope_id, setting_key) "
              + "DO UPDATE SET setting_value = excluded.setting_value, changed_at = excluded.changed_at")) {
        upsert.setString(1, scope.platform().storedName());
        upsert.setString(2, scope.id());
        upsert.setString(3, setting.key());
        upsert.setString(4, canonical);
        upsert.setLong(5, clock.millis());
        upsert.executeUpdate();
      }
      ScopeSettings after = read(c, scope);
      JdbcAuditLog.append(c, scope, moderator, setting.key(), setting.current(before), setting.current(after), clock.millis());
      return after;
    }));
  }

  @Override
  public ScopeSettings reset(Scope scope, String moderatorId, String key) {
    SettingKey setting = SettingKey.named(key);
    String moderator = StoredText.require(moderatorId, "moderator id", 64);
    return changed(scope, database.inTransaction("reset " + setting.key() + " in " + describe(scope), c -> {
      database.dialect().lockScope(c, scope);
      ScopeSettings before = read(c, scope);
      try (PreparedStatement delete = c.prepareStatement(
          "DELETE FROM scope_setting WHERE platform = ? AND scope_id = ? AND setting_key = ?")) {
        delete.setString(1, scope.platform().storedName());
        delete.setString(2, scope.id());
        delete.setString(3, setting.key());
        delete.executeUpdate();
      }
      ScopeSettings after = read(c, scope);
      JdbcAuditLog.append(c, scope, moderator, setting.key(), setting.current(before), setting.current(after), clock.millis());
      return after;
    }));
  }

  /** After the commit: a read that began before it is not kept, the next one reads the new value. */
  private ScopeSettings changed(Scope scope, ScopeSettings after) {
    cache.invalidate(scope);
    return after;
  }

  private ScopeSettings read(Connection c, Scope scope) throws SQLException {
    ScopeSettings settings = rules.defaults();
    try (PreparedStatement select = c.prepareStatement(
        "SELECT setting_key, setting_value FROM scope_setting WHERE platform = ? AND scope_id = ?")) {
      select.setString(1, scope.platform().storedName());
      select.setString(2, scope.id());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String key = rows.getString(1);
          String value = rows.getString(2);
          // A key that a later version removed is ignored, not an error.
          var setting = Arrays.stream(SettingKey.values()).filter(k -> k.key().equals(key)).findFirst();
          if (setting.isPresent()) {
            settings = setting.get().apply(settings, value, rules);
          }
        }
      }
    }
    return settings;
  }

  static String describe(Scope scope) {
    return scope.platform().storedName() + " scope " + scope.id();
  }
}
