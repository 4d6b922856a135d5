package dev.aino.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.AlreadyExistsException;
import dev.aino.error.ConflictException;
import dev.aino.model.Instance;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.WriteOp;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.Fixtures;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchWriterTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ClusterCache cache = new ClusterCache(store);
  private final BatchWriter writer = new BatchWriter(store, cache);
  private final Workload web = Fixtures.workload("web");

  @AfterEach
  void close() {
    cache.close();
    store.close();
  }

  private List<Instance> instances(int count) {
    return IntStream.range(0, count)
        .mapToObj(n -> Instance.pending(web, String.format("i%04d", n), Fixtures.T0))
        .toList();
  }

  private static List<WriteOp> creates(List<Instance> instances) {
    return instances.stream().map(WriteOp::create).toList();
  }

  @Test
  void writesInBatchesOfAHundredAndFeedsTheCache() {
    List<Instance> created = instances(250);
    assertThat(writer.commit(creates(created))).isEqualTo(250);

    // Three transactions: one revision for each hundred.
    List<Long> revisions =
        created.stream().map(i -> store.instance(i.id()).orElseThrow().revision()).toList();
    assertThat(revisions.stream().distinct()).hasSize(3);
    assertThat(revisions.subList(0, 100)).containsOnly(revisions.get(0));
    assertThat(revisions.subList(100, 200)).containsOnly(revisions.get(100));
    assertThat(revisions.get(100)).isGreaterThan(revisions.get(0));
    // The cache holds what was written, at the revision it was written at.
    for (Instance i : created) {
      assertThat(cache.instance(i.id()).orElseThrow().revision())
          .isEqualTo(store.instance(i.id()).orElseThrow().revision());
    }
  }

  @Test
  void aLostRaceSkipsItsBatchOnlyAndIsThrownAfterTheRest() {
    List<Instance> wanted = instances(150);
    Instance raced = store.create(wanted.get(5));

    assertThatThrownBy(() -> writer.commit(creates(wanted)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(raced.id());

    // The first hundred were one transaction and none of it was written; the last fifty were.
    assertThat(store.instance(wanted.get(4).id())).isEmpty();
    assertThat(store.instance(wanted.get(99).id())).isEmpty();
    assertThat(cache.instance(wanted.get(4).id())).isEmpty();
    for (Instance i : wanted.subList(100, 150)) {
      assertThat(store.instance(i.id())).isPresent();
      assertThat(cache.instance(i.id())).isPresent();
    }
  }

  @Test
  void theFirstOfSeveralLostRacesIsThrown() {
    List<Instance> wanted = instances(150);
    Instance first = store.create(wanted.get(5));
    Instance second = store.create(wanted.get(120));
    assertThatThrownBy(() -> writer.commit(creates(wanted)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining(first.id())
        .hasMessageNotContaining(second.id());
  }

  @Test
  void updatesAndDeletesReachTheCache() {
    List<Instance> stored = instances(2).stream().map(store::create).toList();
    cache.observe(stored.get(0));
    cache.observe(stored.get(1));
    Instance stopping = stored.get(0).toBuilder().node("node-a").build();

    assertThat(
            writer.commit(
                List.of(
                    BatchWriter.updates(List.of(stopping)).get(0),
                    BatchWriter.deleteOf(stored.get(1)))))
        .isEqualTo(2);

    assertThat(cache.instance(stopping.id()).orElseThrow().node()).isEqualTo("node-a");
    assertThat(cache.instance(stored.get(1).id())).isEmpty();
    assertThat(store.instance(stored.get(1).id())).isEmpty();
    assertThat(BatchWriter.deleteOf(stored.get(1)))
        .isEqualTo(
            new WriteOp.Delete(
                ObjectKind.INSTANCES, stored.get(1).storeKey(), stored.get(1).revision()));

    // An update from a stale read loses its race.
    assertThatThrownBy(() -> writer.commit(BatchWriter.updates(List.of(stopping))))
        .isInstanceOf(ConflictException.class);
  }
}
