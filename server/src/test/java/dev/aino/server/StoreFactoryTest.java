package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreFactoryTest {
  @TempDir Path dataDir;

  @Test
  void opensTheMemoryStore() {
    try (StateStore store =
        StoreFactory.open(StoreSettings.memory(dataDir), StoreOptions.defaults())) {
      assertThat(store.backend()).isEqualTo("memory");
      assertThat(store.revision()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = StoreBackend.class,
      names = {"SQLITE", "ETCD"})
  void backendsFromOtherModulesSayTheyAreNotBuiltIn(StoreBackend backend) {
    StoreSettings settings = new StoreSettings(backend, dataDir, null);

    assertThatThrownBy(() -> StoreFactory.open(settings, StoreOptions.defaults()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(
            "store backend '" + backend.id() + "' is not built into this version");
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
