package org.influencebot.store;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a debug command shows about the store.
 *
 * @param engine {@code SQLite 3.x} or {@code PostgreSQL 16.x}
 * @param location the database file, or the JDBC URL without its password
 * @param schemaVersion the last migration applied
 * @param rowCounts rows per table, by table name
 * @param sizeBytes the database's size on disk (file and journal for SQLite), when known
 */
public record StoreStatistics(
    String engine, String location, int schemaVersion, Map<String, Long> rowCounts, OptionalLong sizeBytes) {
  public StoreStatistics {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(location, "location");
    rowCounts = Map.copyOf(rowCounts);
    Objects.requireNonNull(sizeBytes, "sizeBytes");
  }
}
