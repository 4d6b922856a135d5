package dev.aino.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.model.AgentTask;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.Node;
import dev.aino.model.Workload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The small values every backend shares: options, kinds, list and update results. */
class StoreValuesTest {
  private static void refused(Runnable build, String field, String reason) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(reason);
  }

  @Test
  void optionsHaveTheirDefaultsAndBounds() {
    StoreOptions d = StoreOptions.defaults();
    assertThat(d.eventTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(d.maxEvents()).isEqualTo(10_000);
    assertThat(d.retainedChanges()).isEqualTo(100_000);
    assertThat(d.maxPendingPerWatch()).isEqualTo(1_000_000);
    assertThat(d.clock()).isNotNull();

    Clock fixed = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
    assertThat(d.withClock(fixed).clock()).isSameAs(fixed);
    assertThat(d.withMaxEvents(5).maxEvents()).isEqualTo(5);
    assertThat(d.withRetainedChanges(7).retainedChanges()).isEqualTo(7);
    assertThat(d.withEventTtl(Duration.ofSeconds(1)).eventTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(d.withMaxEvents(5).withMaxEvents(10_000)).isEqualTo(d);
    assertThat(new StoreOptions(Duration.ofDays(30), 1, 1, 1, null).clock()).isNotNull();

    refused(() -> d.withEventTtl(null), "eventTtl", "is required");
    refused(() -> d.withEventTtl(Duration.ofMillis(999)), "eventTtl", "must be > 0, got 0");
    refused(() -> d.withEventTtl(Duration.ofDays(31)), "eventTtl", "must be <= 2592000");
    refused(() -> d.withMaxEvents(0), "maxEvents", "must be > 0, got 0");
    refused(() -> d.withMaxEvents(10_000_001), "maxEvents", "must be <= 10000000");
    refused(() -> d.withRetainedChanges(0), "retainedChanges", "must be > 0, got 0");
    refused(
        () -> new StoreOptions(Duration.ofHours(1), 1, 1, 0, null),
        "maxPendingPerWatch",
        "must be > 0, got 0");
  }

  @Test
  void eachKindKnowsItsTypeAndKeys() {
    assertThat(ObjectKind.all())
        .containsExactly(
            ObjectKind.NODES,
            ObjectKind.WORKLOADS,
            ObjectKind.INSTANCES,
            ObjectKind.EVENTS,
            ObjectKind.AGENT_TASKS);
    assertThat(ObjectKind.<Node>of(Node.class)).isSameAs(ObjectKind.NODES);
    assertThat(ObjectKind.<Workload>of(Workload.class)).isSameAs(ObjectKind.WORKLOADS);
    assertThat(ObjectKind.<Instance>of(Instance.class)).isSameAs(ObjectKind.INSTANCES);
    assertThat(ObjectKind.<Event>of(Event.class)).isSameAs(ObjectKind.EVENTS);
    assertThat(ObjectKind.<AgentTask>of(AgentTask.class)).isSameAs(ObjectKind.AGENT_TASKS);
    assertThatThrownBy(() -> ObjectKind.of(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a stored type: java.lang.String");

    assertThat(ObjectKind.INSTANCES.plural()).isEqualTo("instances");
    assertThat(ObjectKind.AGENT_TASKS.singular()).isEqualTo("agent task");
    assertThat(ObjectKind.EVENTS.type()).isEqualTo(Event.class);
    assertThat(ObjectKind.NODES.prefix()).isEqualTo("nodes/");
    assertThat(ObjectKind.WORKLOADS.keyOf("web")).isEqualTo("workloads/web");
    assertThat(ObjectKind.WORKLOADS).hasToString("workloads");
    assertThat(ObjectKind.ofKey("instances/web/web-a1")).isSameAs(ObjectKind.INSTANCES);
    assertThat(ObjectKind.ofKey("agenttasks/t1")).isSameAs(ObjectKind.AGENT_TASKS);
    assertThat(ObjectKind.ofKey("leader")).isNull();
  }

  @Test
  void aListResultIsACopy() {
    List<String> items = new ArrayList<>(List.of("a"));
    ListResult<String> result = new ListResult<>(items, 4);
    items.add("b");
    assertThat(result.items()).containsExactly("a");
    assertThat(result.revision()).isEqualTo(4);
  }

  @Test
  void anUpdateResultSaysWhetherItCreatedOrWrote() {
    String before = new String("x");
    String after = new String("x");
    assertThat(new UpdateResult<>(null, after).created()).isTrue();
    assertThat(new UpdateResult<>(null, after).written()).isTrue();
    assertThat(new UpdateResult<>(before, after).created()).isFalse();
    assertThat(new UpdateResult<>(before, after).written()).isTrue();
    // Unchanged means the very object read was returned: nothing was written.
    assertThat(new UpdateResult<>(before, before).written()).isFalse();
    assertThatThrownBy(() -> new UpdateResult<>(before, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("after");
  }
}
