package dev.aino.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.intent.IntentAction;
import dev.aino.json.Json;
import dev.aino.model.AgentTask;
import dev.aino.store.ObjectKind;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.util.List;
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
}
