package io.github.discoverysdk.jdbc;

import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.ClosedDealChainContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The monthly closed-deal chain on H2: its statuses, leases and watermarks in SQL. */
class ClosedDealChainOnJdbcTest extends ClosedDealChainContract {
  private final List<TestDatabase> databases = new ArrayList<>();

  @Override
  protected Storage createStorage() {
    TestDatabase db = TestDatabase.h2();
    databases.add(db);
    return JdbcStorage.builder().dataSource(db.dataSource()).build();
  }

  @AfterEach
  void closeDatabases() throws Exception {
    for (TestDatabase db : databases) {
      db.close();
    }
  }
}
