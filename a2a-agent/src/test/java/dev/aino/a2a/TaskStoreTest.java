package dev.aino.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.intent.IntentAction;
import dev.aino.json.Json;
import dev.aino.model.AgentTask;
import dev.aino.model.Node;
import dev.aino.model.NodeStatus;
import dev.aino.model.Resources;
import dev.aino.store.ObjectKind;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tasks written to the state store and read back by the next agent on the same store, as after a
 * restart of {@code aino up}; finished tasks expire from memory and from the store.
 */
class TaskStoreTest {
  private static final Duration RETENTION = Duration.ofHours(24);

  private final InMemoryStateStore state = new InMemoryStateStore();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void close() {
    state.close();
  }

  private TaskStore open() {
    return new TaskStore(state, RETENTION, 10, clock);
  }

  @Test
  void aFinishedTaskIsReadBackWhole() {
    TaskStore before = open();
    A2aTask t = before.create("ctx-1", "alice");
    t.addHistory(new Message("m1", false, List.of(Part.text("status of web")), t.id, "ctx-1"));
    t.addArtifact(
        new Artifact(
            "a1",
            "answer",
            List.of(Part.text("web runs 2/2"), Part.data(Json.mapper().createObjectNode()))));
    t.moveTo(TaskState.COMPLETED, "web runs 2/2", null, clock.instant());
    TaskSnapshot written = t.snapshot();

    TaskStore after = open();
    TaskSnapshot read = after.get(t.id, "alice").snapshot();
    assertThat(read).isEqualTo(written);
    assertThat(after.list("alice", "ctx-1", TaskState.COMPLETED, 10, null).tasks())
        .containsExactly(written);
    assertThatThrownBy(() -> after.get(t.id, "mallory"))
        .isInstanceOf(A2aException.class)
        .hasMessageContaining("was not found");
  }

  @Test
  void aTaskARestartInterruptedIsReadBackFailedSayingWhatWasApplied() {
    A2aTask working = open().create("ctx-2", "alice");
    working.action = IntentAction.SCALE;
    working.workload = "web";
    working.applied = "scaled web to 3 replicas";
    working.moveTo(TaskState.WORKING, "1/3 running", null, clock.instant());
    A2aTask asking = open().create("ctx-2", "alice");
    asking.moveTo(TaskState.INPUT_REQUIRED, "Which image?", null, clock.instant());

    TaskStore after = open();
    TaskSnapshot w = after.get(working.id, "alice").snapshot();
    assertThat(w.state()).isEqualTo(TaskState.FAILED);
    assertThat(w.status().text())
        .contains("restarted", "following web", "Already applied: scaled web to 3 replicas");
    TaskSnapshot a = after.get(asking.id, "alice").snapshot();
    assertThat(a.state()).isEqualTo(TaskState.FAILED);
    assertThat(a.status().text()).contains("waited for an answer", "nothing was changed");
    // The failure is stored too: a second restart reads the same.
    assertThat(open().get(working.id, "alice").snapshot()).isEqualTo(w);
  }

  @Test
  void aFinishedTaskExpiresAfterTheRetentionFromMemoryAndStore() {
    TaskStore tasks = open();
    A2aTask done = tasks.create("ctx-3", "alice");
    done.moveTo(TaskState.COMPLETED, "done", null, clock.instant());
    A2aTask asking = tasks.create("ctx-3", "alice");
    asking.moveTo(TaskState.INPUT_REQUIRED, "Which image?", null, clock.instant());

    clock.advance(RETENTION.minusMinutes(1));
    assertThat(tasks.list("alice", null, null, 10, null).totalSize()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(2));
    assertThat(tasks.list("alice", null, null, 10, null).tasks())
        .extracting(TaskSnapshot::id)
        .containsExactly(asking.id);
    assertThat(state.list(ObjectKind.AGENT_TASKS).items())
        .extracting(AgentTask::id)
        .containsExactly(asking.id);
  }

  @Test
  void anExpiredTaskIsNotReadBack() {
    A2aTask done = open().create("ctx-4", "alice");
    done.moveTo(TaskState.COMPLETED, "done", null, clock.instant());
    clock.advance(RETENTION.plusMinutes(1));

    TaskStore after = open();
    assertThatThrownBy(() -> after.get(done.id, "alice")).isInstanceOf(A2aException.class);
    assertThat(state.list(ObjectKind.AGENT_TASKS).items()).isEmpty();
  }

  // ---- tasks of a server that stopped for good

  private TaskStore server(String name) {
    return new TaskStore(state, RETENTION, 10, clock, null, name);
  }

  private void nodeIs(String name, NodeStatus status) {
    Node node = state.node(name).orElseGet(() -> Node.of(name, Resources.of(4000, 8192)));
    state.put(node.withStatus(status));
  }

  /** A task of server {@code a} left following a scale of web, as when {@code a} stopped. */
  private static A2aTask working(TaskStore a) {
    A2aTask t = a.create("ctx-o", "alice");
    t.action = IntentAction.SCALE;
    t.workload = "web";
    t.applied = "scaled web to 3 replicas";
    t.moveTo(TaskState.WORKING, "1/3 running", null, Instant.now());
    return t;
  }

  @Test
  void anotherServersTaskIsAdoptedAndFailedOnlyOnceItsNodeIsDown() {
    nodeIs("node-a", NodeStatus.READY);
    A2aTask t = working(server("node-a"));
    TaskStore b = server("node-b");

    // A may only be slow: its task stays its own while its node is READY or SUSPECT.
    assertThat(b.get(t.id, "alice").state()).isEqualTo(TaskState.WORKING);
    nodeIs("node-a", NodeStatus.SUSPECT);
    assertThat(b.get(t.id, "alice").state()).isEqualTo(TaskState.WORKING);

    nodeIs("node-a", NodeStatus.DOWN);
    A2aTask read = b.get(t.id, "alice");
    TaskSnapshot s = read.snapshot();
    assertThat(s.state()).isEqualTo(TaskState.FAILED);
    assertThat(s.status().text())
        .contains(
            "server node-a stopped",
            "following web",
            "Already applied: scaled web to 3 replicas",
            "that change stays");
    assertThat(b.isLocal(read)).isTrue();
    // Stored failed and as B's: a third server reads the same, and ListTasks lists it so.
    TaskStore c = server("node-c");
    assertThat(c.get(t.id, "alice").snapshot()).isEqualTo(s);
    assertThat(c.isLocal(c.get(t.id, "alice"))).isFalse();
    assertThat(c.list("alice", "ctx-o", TaskState.FAILED, 10, null).tasks()).containsExactly(s);
  }

  @Test
  void listingAdoptsTheOrphansItFinds() {
    A2aTask asking = server("node-a").create("ctx-l", "alice");
    asking.moveTo(TaskState.INPUT_REQUIRED, "Which image?", null, clock.instant());
    nodeIs("node-a", NodeStatus.DOWN);

    List<TaskSnapshot> listed = server("node-b").list("alice", "ctx-l", null, 10, null).tasks();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).state()).isEqualTo(TaskState.FAILED);
    assertThat(listed.get(0).status().text())
        .contains("server node-a stopped", "waited for an answer", "nothing was changed");
  }

  @Test
  void theSweepFinishesOrphansNobodyAsksForAndTheirFollowersReceiveTheFailure() throws Exception {
    nodeIs("node-a", NodeStatus.READY);
    A2aTask t = working(server("node-a"));
    TaskStore b = server("node-b");
    TaskStore c = server("node-c");
    A2aTask mine = working(b);
    TaskStore.Followed followed = c.follow(t.id, "alice");
    LinkedBlockingQueue<TaskEvent> events = new LinkedBlockingQueue<>();
    followed.task().subscribe(events::add);

    assertThat(b.adoptOrphans()).isZero();
    nodeIs("node-a", NodeStatus.DOWN);
    assertThat(b.adoptOrphans()).isEqualTo(1);
    assertThat(c.adoptOrphans()).isZero();

    TaskEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.isFinal()).isTrue();
    assertThat(e.task().state()).isEqualTo(TaskState.FAILED);
    assertThat(e.task().status().text()).contains("server node-a stopped");
    followed.watch().close();
    // A task of a live server is left alone.
    assertThat(c.get(mine.id, "alice").state()).isEqualTo(TaskState.WORKING);
  }

  @Test
  void aServerTakenForStoppedNeverOverwritesTheTaskAnotherAdoptedAndServesThatOne()
      throws Exception {
    nodeIs("node-a", NodeStatus.READY);
    TaskStore a = server("node-a");
    A2aTask t = working(a);
    LinkedBlockingQueue<TaskEvent> events = new LinkedBlockingQueue<>();
    t.subscribe(events::add);
    // A is alive but missed its heartbeats: its node is called DOWN, and B adopts its task.
    nodeIs("node-a", NodeStatus.DOWN);
    TaskSnapshot failed = server("node-b").get(t.id, "alice").snapshot();
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    nodeIs("node-a", NodeStatus.READY);

    // A's follower then sees the scale through; a finished task never changes again.
    assertThat(t.moveTo(TaskState.COMPLETED, "web runs 3/3", null, clock.instant())).isFalse();

    AgentTask stored = state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow();
    assertThat(stored.document().path("server").asText()).isEqualTo("node-b");
    assertThat(TaskDocument.task(stored).snapshot()).isEqualTo(failed);
    // A now answers, and told its subscribers, what is stored.
    assertThat(t.snapshot()).isEqualTo(failed);
    TaskEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(e).isNotNull();
    assertThat(e.isFinal()).isTrue();
    assertThat(e.task()).isEqualTo(failed);
    assertThat(events).isEmpty();
    A2aTask read = a.get(t.id, "alice");
    assertThat(read.snapshot()).isEqualTo(failed);
    assertThat(a.isLocal(read)).isFalse();
    // Nor does any later change of A's copy reach the store.
    t.addHistory(new Message("m9", false, List.of(Part.text("thanks")), t.id, "ctx-o"));
    assertThat(state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow().revision())
        .isEqualTo(stored.revision());
  }

  @Test
  void aTaskStoredMeanwhileAsItsOwnServersIsWrittenOver() {
    TaskStore a = server("node-a");
    A2aTask t = working(a);
    // A write the store reported failed may still have landed: the stored task moved on, as A's.
    AgentTask stored = state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow();
    state.put(stored);

    assertThat(t.moveTo(TaskState.COMPLETED, "web runs 3/3", null, clock.instant())).isTrue();
    assertThat(
            TaskDocument.task(state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow())
                .snapshot()
                .state())
        .isEqualTo(TaskState.COMPLETED);
    assertThat(a.isLocal(a.get(t.id, "alice"))).isTrue();
  }

  @Test
  void ofTwoServersAdoptingAtOnceOneWins() {
    nodeIs("node-a", NodeStatus.DOWN);
    A2aTask t = working(server("node-a"));
    TaskStore b = server("node-b");
    TaskStore c = server("node-c");
    // B read the task; before its compare-and-swap, C adopts it.
    AgentTask readByB = state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow();
    A2aTask byC = c.get(t.id, "alice");
    assertThat(c.isLocal(byC)).isTrue();

    A2aTask byB = b.answer(readByB);
    assertThat(b.isLocal(byB)).isFalse();
    assertThat(byB.snapshot()).isEqualTo(byC.snapshot());
    AgentTask stored = state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow();
    assertThat(stored.document().path("server").asText()).isEqualTo("node-c");
    assertThat(stored.revision()).isEqualTo(readByB.revision() + 1);
  }

  @Test
  void onlyTheServerThatWinsTheAdoptionPushesTheFailure() throws Exception {
    List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer hook =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String(
                  exchange.getRequestBody().readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    PushSettings push = PushSettings.allowing(List.of("127.0.0.1"));
    try (PushSender toB = new PushSender(push, dev.aino.metrics.Metrics.NONE);
        PushSender toC = new PushSender(push, dev.aino.metrics.Metrics.NONE)) {
      nodeIs("node-a", NodeStatus.DOWN);
      A2aTask t = working(server("node-a"));
      t.putPushConfig(
          new PushConfig(
              "c1",
              java.net.URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"),
              null,
              null,
              null,
              A2aVersion.V1_0),
          10);
      TaskStore b = new TaskStore(state, RETENTION, 10, clock, toB, "node-b");
      TaskStore c = new TaskStore(state, RETENTION, 10, clock, toC, "node-c");
      AgentTask readByB = state.get(ObjectKind.AGENT_TASKS, t.id).orElseThrow();
      c.get(t.id, "alice");
      b.answer(readByB);

      dev.aino.testing.Await.until("the failure pushed", () -> !received.isEmpty());
      Thread.sleep(500); // a second push, if one were sent, arrives meanwhile
      assertThat(received).hasSize(1);
      assertThat(received.get(0)).contains("TASK_STATE_FAILED", "server node-a stopped");
    } finally {
      hook.stop(0);
    }
  }
}
