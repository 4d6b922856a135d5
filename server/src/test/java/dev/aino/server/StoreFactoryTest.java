package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Node;
import dev.aino.model.Resources;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.testing.etcd.EtcdExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class StoreFactoryTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @TempDir Path dataDir;

  @Test
  void opensTheMemoryStore() {
    try (StateStore store =
        StoreFactory.open(StoreSettings.memory(dataDir), StoreOptions.defaults())) {
      assertThat(store.backend()).isEqualTo("memory");
      assertThat(store.revision()).isZero();
    }
  }

  @Test
  void theSqliteStoreKeepsStateAcrossARestart() {
    StoreSettings settings = new StoreSettings(StoreBackend.SQLITE, dataDir, null);
    try (StateStore store = StoreFactory.open(settings, StoreOptions.defaults())) {
      assertThat(store.backend()).isEqualTo("sqlite");
      store.create(Node.of("n1", Resources.of(1000, 1024)));
    }
    try (StateStore store = StoreFactory.open(settings, StoreOptions.defaults())) {
      assertThat(store.node("n1")).isPresent();
    }
  }

  @Test
  void theEtcdStoreUsesTheGivenEndpoints() {
    StoreSettings settings =
        new StoreSettings(
            StoreBackend.ETCD, dataDir, new EtcdSettings(List.of(ETCD.endpoint()), null, null));
    try (StateStore store = StoreFactory.open(settings, StoreOptions.defaults())) {
      assertThat(store.backend()).isEqualTo("etcd");
      store.put(Node.of("n1", Resources.of(1000, 1024)));
      assertThat(store.node("n1")).isPresent();
    }
  }

  @Test
  void describesWhereTheStateLives() {
    assertThat(StoreSettings.memory(dataDir).describe()).isEqualTo("memory");
    assertThat(new StoreSettings(StoreBackend.SQLITE, dataDir, null).describe())
        .isEqualTo("sqlite in " + dataDir.toAbsolutePath());
    assertThat(new StoreSettings(StoreBackend.ETCD, dataDir, null).describe())
        .isEqualTo("etcd at http://127.0.0.1:2379");
  }
}
