package dev.aino.reconcile;

import dev.aino.store.StateStore;
import dev.aino.store.memory.InMemoryStateStore;

class InMemoryControlLoopTest extends AbstractControlLoopTest {
  @Override
  protected StateStore newStore() {
    return new InMemoryStateStore();
  }
}
