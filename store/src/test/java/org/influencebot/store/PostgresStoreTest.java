package org.influencebot.store;

class PostgresStoreTest extends StoreContract {
  @Override
  StoreLocation newLocation() {
    return PostgresTestServer.shared().newDatabase();
  }
}
