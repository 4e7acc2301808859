package org.influencebot.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMemberLogTest extends MemberLogContract {
  @TempDir Path dataDirectory;

  @Override
  StoreLocation newLocation() {
    return new StoreLocation.SqliteFile(dataDirectory);
  }
}
