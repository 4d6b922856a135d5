package dev.aino.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.error.NotFoundException;
import dev.aino.error.PermissionDeniedException;
import dev.aino.json.Json;
import dev.aino.model.Event;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import dev.aino.model.WorkloadSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.memory.InMemoryStateStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The facade as one caller sees it: the role decides what may change, before anything does. */
class CallerScopedServiceTest {
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final OrchestratorService service =
      new CoreOrchestratorService(
          store, new Scheduler(SchedulerConfig.defaults()), Clock.systemUTC());

  @AfterEach
  void close() {
    store.close();
  }

  private static WorkloadSpec spec(int replicas) {
    return WorkloadSpec.builder("busybox").replicas(replicas).build();
  }

  @Test
  void aViewerReadsEverythingAndChangesNothing() {
    service.apply("web", spec(2));
    OrchestratorService viewer = service.as(new Caller("dash", Role.VIEWER, Surface.REST));

    assertThat(viewer.workload("web").desired()).isEqualTo(2);
    assertThatThrownBy(() -> viewer.scale("web", 5))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("dash may not scale workload web")
        .hasMessageContaining("viewer reads only");
    assertThatThrownBy(() -> viewer.apply("other", spec(1)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> viewer.delete("web")).isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> viewer.drain("n1")).isInstanceOf(PermissionDeniedException.class);

    assertThat(store.workload("web").orElseThrow().spec().replicas()).isEqualTo(2);
    assertThat(store.workload("other")).isEmpty();
    assertThat(store.workload("web").orElseThrow().isDeleting()).isFalse();
  }

  @Test
  void anOperatorChangesWorkloadsButNotNodes() {
    OrchestratorService operator = service.as(new Caller("ci", Role.OPERATOR, Surface.MCP));

    assertThat(operator.apply("web", spec(1)).outcome()).isEqualTo(ApplyOutcome.CREATED);
    assertThat(operator.scale("web", 3).desired()).isEqualTo(3);
    // Refused for the role before the node is even looked up: an unknown node is not a NotFound.
    assertThatThrownBy(() -> operator.cordon("n1"))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("ci may not cordon node n1")
        .hasMessageContaining("operator may change workloads but not nodes");
    assertThatThrownBy(() -> operator.drain("n1")).isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void anAdminReachesTheFacadeForNodesToo() {
    OrchestratorService admin = service.as(new Caller("admin", Role.ADMIN, Surface.CLI));

    assertThatThrownBy(() -> admin.cordon("n1")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theEventsOfAChangeNameTheCallerAndTheControlPlanesNameNoOne() {
    Caller bot = new Caller("incident-bot", Role.OPERATOR, Surface.A2A);
    service.as(bot).apply("web", spec(1));
    service.as(new Caller("alice", Role.ADMIN, Surface.CONSOLE)).scale("web", 2);
    service.scale("web", 3);

    List<Event> all = service.events(ObjectRef.workload("web"));
    // alice changed the workload incident-bot manages: the override names her.
    assertThat(all)
        .filteredOn(e -> e.reason().equals("ManagerOverride"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor().name()).isEqualTo("alice"));
    List<Event> events = all.stream().filter(e -> !e.reason().equals("ManagerOverride")).toList();
    assertThat(events).extracting(Event::reason).containsExactly("Created", "Scaled");
    assertThat(events.get(0).actor()).isEqualTo(bot);
    // A repeat names whoever caused its latest occurrence: the control plane here.
    assertThat(events.get(1).count()).isEqualTo(2);
    assertThat(events.get(1).actor()).isNull();
    assertThat(service.events(null, null, "incident-bot", PageRequest.first(50)).items())
        .extracting(Event::reason)
        .containsExactly("Created");
    assertThat(service.events(null, null, "nobody", PageRequest.first(50)).items()).isEmpty();
  }

  @Test
  void aStoredEventFromBeforeCallersDecodesWithNoActorAndOneWithAnActorRoundTrips() {
    Event old =
        Json.decode(
            ("{\"object\":{\"kind\":\"workload\",\"name\":\"web\"},\"reason\":\"Scaled\","
                    + "\"message\":\"m\",\"count\":1,\"firstSeen\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8),
            Event.class,
            "");
    assertThat(old.actor()).isNull();

    Event caused =
        Event.of(
            ObjectRef.workload("web"),
            EventType.NORMAL,
            "Scaled",
            "m",
            Instant.parse("2026-01-01T00:00:00Z"),
            new Caller("ci", Role.OPERATOR, Surface.CLI));
    assertThat(Json.decode(Json.encode(caused), Event.class, "")).isEqualTo(caused);
  }
}
