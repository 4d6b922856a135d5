package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The contract of a backend that keeps its data (SQLite, etcd): everything the plain contract asks,
 * and that objects and the revision survive closing the store and opening it again. The memory
 * backend keeps nothing by design, so it extends {@link AbstractStateStoreContractTest} and this
 * assertion is never run against it, rather than run and skipped.
 */
public abstract class AbstractDurableStateStoreContractTest extends AbstractStateStoreContractTest {
  /** Closes {@code store} and opens the same backend again on the same data. */
  protected abstract StateStore reopen(StateStore store) throws Exception;

  @Test
  void stateSurvivesAReopen() throws Exception {
    Workload web = store.create(Fixtures.workload("web"));
    Instance running =
        store.create(
            Fixtures.instance("web", "a").toBuilder()
                .node("n1")
                .transition(InstancePhase.RUNNING, "Started", "started")
                .build());
    long revision = store.revision();
    store = reopen(store);
    assertThat(store.workload("web")).contains(web);
    assertThat(store.instance("web-a")).contains(running);
    assertThat(store.revision()).isGreaterThanOrEqualTo(revision);
    Workload next = store.update(web.withSpec(Fixtures.spec(2)));
    assertThat(next.revision()).isGreaterThan(revision);
  }
}
