package dev.aino.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.model.Instance;
import dev.aino.model.Workload;
import dev.aino.store.ObjectKind;
import dev.aino.store.StoreOptions;
import dev.aino.store.Watch;
import dev.aino.store.WatchEvent;
import dev.aino.testing.Fixtures;
import dev.aino.testing.etcd.EtcdExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store while etcd is down, and after it is back on the same ports and data. */
class EtcdOutageTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private static final Duration RECOVERY = Duration.ofSeconds(30);

  private EtcdStateStore store;

  @BeforeEach
  void open() throws InterruptedException {
    EtcdConfig config =
        EtcdConfig.of(ETCD.endpoint())
            .withNamespace(ETCD.newNamespace())
            .withRequestTimeout(Duration.ofSeconds(1));
    store = new EtcdStateStore(config, StoreOptions.defaults());
    // The first call also loads and connects the client, which may take longer than the short
    // timeout on a cold JVM; the test starts once the store answers.
    eventually(store::revision);
  }

  @AfterEach
  void close() {
    store.close();
    ETCD.server().start(); // in case a test failed while etcd was down
  }

  @Test
  void callsFailAsUnavailableWhileEtcdIsDownAndWorkAgainAfterwards() throws Exception {
    Workload web = store.create(Fixtures.workload("web"));
    Instance a = store.create(Fixtures.instance("web", "a"));
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch watch = store.watch(ObjectKind.INSTANCES, 0, events::add)) {
      Instance b = store.create(Fixtures.instance("web", "b"));
      assertThat(idsOf(take(events, 1))).containsExactly("web-b");

      ETCD.server().stop();
      assertUnavailable(() -> store.create(Fixtures.instance("web", "lost")));
      assertUnavailable(() -> store.workload("web"));
      assertUnavailable(() -> store.instances());
      assertUnavailable(() -> store.revision());
      assertUnavailable(() -> store.watch(ObjectKind.NODES, 0, e -> {}));

      ETCD.server().start();
      Instance c = createOnceBack(store, Fixtures.instance("web", "c"));
      assertThat(store.workload("web")).contains(web);
      assertThat(store.instancesOf("web")).containsExactly(a, b, c);

      // The watch opened before the outage resumes after b: c, then d, nothing twice.
      store.create(Fixtures.instance("web", "d"));
      assertThat(idsOf(take(events, 2))).containsExactly("web-c", "web-d");
      assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void aWatchMissesNothingThatOthersWroteWhileItWasDisconnected() throws Exception {
    BlockingQueue<WatchEvent<Instance>> events = new LinkedBlockingQueue<>();
    try (Watch watch = store.watch(ObjectKind.INSTANCES, 0, events::add)) {
      store.create(Fixtures.instance("web", "a"));
      assertThat(idsOf(take(events, 1))).containsExactly("web-a");

      ETCD.server().stop();
      ETCD.server().start();
      // Another writer commits at once, likely before this store's watch has reconnected.
      try (EtcdStateStore other = new EtcdStateStore(store.config(), StoreOptions.defaults())) {
        createOnceBack(other, Fixtures.instance("web", "b"));
        other.create(Fixtures.instance("web", "c"));
        other.delete(ObjectKind.INSTANCES, "web/web-a", -1);
      }
      List<WatchEvent<Instance>> got = take(events, 3);
      assertThat(idsOf(got.subList(0, 2))).containsExactly("web-b", "web-c");
      assertThat(got.get(2)).isInstanceOf(WatchEvent.Delete.class);
      assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  private static void assertUnavailable(Runnable call) {
    AinoException e = catchThrowableOfType(AinoException.class, call::run);
    assertThat(e).as("the call's failure").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(e.getMessage()).startsWith("etcd store unavailable: ");
  }

  /** The call's result once etcd answers again; only UNAVAILABLE is retried. */
  private static <T> T eventually(Supplier<T> call) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (AinoException e) {
        if (e.code() != ErrorCode.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Creates the instance once etcd answers again. A create that timed out may still have committed
   * (etcd had it, its answer came late), so ALREADY_EXISTS after an UNAVAILABLE attempt means that
   * attempt landed: the stored instance is then the one asked for. Clients of any store with
   * ambiguous outcomes, as Kubernetes' API server's, settle a timed-out create the same way.
   */
  private static Instance createOnceBack(EtcdStateStore store, Instance wanted)
      throws InterruptedException {
    boolean timedOutBefore = false;
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      try {
        return store.create(wanted);
      } catch (AinoException e) {
        if (e.code() == ErrorCode.ALREADY_EXISTS && timedOutBefore) {
          Instance stored = store.instance(wanted.id()).orElseThrow();
          assertThat(stored.withRevision(wanted.revision())).isEqualTo(wanted);
          return stored;
        }
        if (e.code() != ErrorCode.UNAVAILABLE || System.nanoTime() > deadline) {
          throw e;
        }
        timedOutBefore = true;
        Thread.sleep(100);
      }
    }
  }

  private static List<WatchEvent<Instance>> take(BlockingQueue<WatchEvent<Instance>> queue, int n)
      throws InterruptedException {
    List<WatchEvent<Instance>> got = new ArrayList<>();
    while (got.size() < n) {
      WatchEvent<Instance> e = queue.poll(RECOVERY.toSeconds(), TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("received " + got.size() + " of " + n + " events: " + got);
      }
      got.add(e);
    }
    return got;
  }

  private static List<String> idsOf(List<WatchEvent<Instance>> events) {
    return events.stream()
        .map(e -> e instanceof WatchEvent.Put<Instance> p ? p.object().id() : e.toString())
        .toList();
  }
}
