package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.OrchestratorService;
import dev.aino.api.impl.CoreOrchestratorService;
import dev.aino.intent.IntentEngine;
import dev.aino.mcp.tools.ToolSpec;
import dev.aino.scheduler.Scheduler;
import dev.aino.scheduler.SchedulerConfig;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every tool's input and output schema is 2020-12 shaped, and every property is described. */
class SchemasTest {
  /** The tool specs need a service to exist; none of them runs here. */
  private static final OrchestratorService SERVICE =
      new CoreOrchestratorService(
          new InMemoryStateStore(StoreOptions.defaults()),
          new Scheduler(SchedulerConfig.defaults()),
          Clock.systemUTC());

  @Test
  void everyPropertyOfEveryToolSchemaHasADescription() {
    List<ToolSpec<?>> tools = AinoMcpServer.tools(SERVICE, new IntentEngine(SERVICE));
    assertThat(tools).hasSize(20);
    for (ToolSpec<?> tool : tools) {
      assertDescribed(tool.name() + " input", Schemas.of(tool.input()));
      assertDescribed(tool.name() + " output", Schemas.of(tool.output()));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void carriesRequiredFieldsEnumsAndBounds() {
    Map<String, Object> schedule = Schemas.of(dev.aino.mcp.tools.Inputs.Schedule.class);
    assertThat(schedule).containsEntry("type", "object");
    assertThat((List<Object>) schedule.get("required")).containsExactlyInAnyOrder("name", "spec");
    Map<String, Object> spec = properties(schedule).get("spec");
    Map<String, Object> policy = properties(spec).get("restartPolicy");
    assertThat((List<Object>) policy.get("enum")).containsExactly("ALWAYS", "ON_FAILURE", "NEVER");
    Map<String, Object> replicas = properties(spec).get("replicas");
    assertThat(((Number) replicas.get("minimum")).intValue()).isZero();
    assertThat(((Number) replicas.get("maximum")).intValue()).isEqualTo(10000);
    assertThat(properties(schedule)).containsKey("wait").doesNotContainKey("awaitRunning");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> properties(Map<String, Object> schema) {
    Object p = schema.get("properties");
    return p == null ? Map.of() : (Map<String, Map<String, Object>>) p;
  }

  @SuppressWarnings("unchecked")
  private static void assertDescribed(String where, Map<String, Object> schema) {
    properties(schema)
        .forEach(
            (name, property) -> {
              assertThat(property.get("description")).as(where + "." + name).isNotNull();
              assertDescribed(where + "." + name, property);
              Object items = property.get("items");
              if (items instanceof Map) {
                assertDescribed(where + "." + name + "[]", (Map<String, Object>) items);
              }
            });
  }
}
