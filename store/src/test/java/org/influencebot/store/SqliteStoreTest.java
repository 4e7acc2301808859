package org.influencebot.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContract {
  @TempDir Path dataDirectory;

  @Override
  StoreLocation newLocation() {
    return new StoreLocation.SqliteFile(dataDirectory);
  }

  @Override
  Connection rawConnection() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDirectory.resolve(StoreLocation.SqliteFile.FILE_NAME));
  }
}
