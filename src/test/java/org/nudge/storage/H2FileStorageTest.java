package org.nudge.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.nudge.testing.TestDatabases;

@DisplayName("Storage on an H2 file")
class H2FileStorageTest extends StorageContractTest {

  @TempDir Path dir;
  private Database database;

  @Override
  Database database() {
    if (database == null) {
      database = TestDatabases.h2File(dir.resolve("nudge"));
    }
    return database;
  }

  @AfterEach
  void close() {
    database.close();
  }
}
