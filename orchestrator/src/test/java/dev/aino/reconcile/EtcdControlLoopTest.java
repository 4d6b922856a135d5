package dev.aino.reconcile;

import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdStateStore;
import dev.aino.testing.etcd.EtcdExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

class EtcdControlLoopTest extends AbstractControlLoopTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  @Override
  protected StateStore newStore() {
    return new EtcdStateStore(
        EtcdConfig.of(ETCD.endpoint()).withNamespace(ETCD.newNamespace()), StoreOptions.defaults());
  }
}
