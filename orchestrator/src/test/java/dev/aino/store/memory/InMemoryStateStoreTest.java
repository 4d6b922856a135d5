package dev.aino.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Node;
import dev.aino.model.Workload;
import dev.aino.store.AbstractStateStoreContractTest;
import dev.aino.store.StateStore;
import dev.aino.testing.Fixtures;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest extends AbstractStateStoreContractTest {
  /**
   * The memory store keeps the objects it was given, whose revision the commit stamps later; a list
   * stamps each once and then returns the same object, rather than rebuilding every object on every
   * read (what made the console's workloads page slow with 1,000 workloads).
   */
  @Test
  void aListReturnsTheSameStampedObjectsOnEveryRead() {
    StateStore store = newStore();
    Workload written = Fixtures.workload("web");
    store.create(written);
    Workload first = store.workloads().get(0);
    Workload second = store.workloads().get(0);
    assertThat(second).isSameAs(first);
    assertThat(second.revision()).isPositive();
    assertThat(first.spec()).as("the written object, never decoded").isSameAs(written.spec());

    Node node = store.put(Fixtures.node("n1"));
    assertThat(store.nodes()).containsExactly(node);
  }

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
