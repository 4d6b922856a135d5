package dev.aino.reconcile;

import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.sqlite.SqliteStateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteControlLoopTest extends AbstractControlLoopTest {
  @TempDir Path dataDir;

  @Override
  protected StateStore newStore() {
    return SqliteStateStore.open(dataDir, StoreOptions.defaults());
  }
}
