package org.nudge.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.nudge.testing.TestDatabases;

@DisplayName("Storage on PostgreSQL")
class PostgresStorageTest extends StorageContractTest {

  private TestDatabases.PostgresSchema schema;

  @Override
  Database database() {
    if (schema == null) {
      schema = TestDatabases.postgres();
    }
    return schema.database();
  }

  @AfterEach
  void close() throws Exception {
    if (schema != null) {
      schema.close();
    }
  }
}
