package org.influencebot.store;

/**
 * Everything the bot keeps across restarts: settings, linked handles, score history, the audit
 * log, reference samples and the member log. One instance per process; safe to use from several threads.
 * Close it on shutdown.
 */
public interface Store extends AutoCloseable {

  SettingsStore settings();

  LinkStore links();

  HistoryStore history();

  AuditLog audit();

  /** The reference samples the bot drew, one per network, with their date (none kept by default). */
  default org.influencebot.core.reference.ReferenceKeeper references() {
    return org.influencebot.core.reference.ReferenceKeeper.none();
  }

  /**
   * The member log (issue 23): joins, leaves and activity seen in the bot's communities, and member audits' figures,
   * kept within {@code store.member_retention} ({@link RetentionPolicy#memberMaxAge()}). Ids and times only.
   */
  org.influencebot.core.members.MemberLog members();

  /** Row counts, size and schema version, for a debug command. */
  StoreStatistics statistics();

  @Override
  void close();

  /**
   * Opens the store, creating the database file (SQLite) or the tables (both) and applying pending
   * migrations.
   *
   * @throws StoreException when the store is damaged, unreadable, newer than this code or unreachable;
   *     the message says what to do
   */
  static Store open(StoreLocation location, StoreOptions options) {
    return JdbcStore.open(location, options);
  }
}
