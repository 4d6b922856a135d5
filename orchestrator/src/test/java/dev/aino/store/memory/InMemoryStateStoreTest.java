package dev.aino.store.memory;

import dev.aino.model.Node;
import dev.aino.store.AbstractStateStoreContractTest;
import dev.aino.store.StateStore;
import dev.aino.testing.Fixtures;

class InMemoryStateStoreTest extends AbstractStateStoreContractTest {
  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore(testOptions());
  }

  @Override
  protected void compactThrough(StateStore store, long revision) {
    // The memory store keeps the last RETAINED_CHANGES changes; push the rest out.
    for (int i = 0; i <= RETAINED_CHANGES; i++) {
      Node filler = Fixtures.node("filler");
      store.put(filler);
    }
  }
}
