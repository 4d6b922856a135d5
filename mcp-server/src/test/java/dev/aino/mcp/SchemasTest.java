package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.OrchestratorService;
import dev.aino.intent.IntentEngine;
import dev.aino.mcp.tools.ToolSpec;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every tool's input schema is 2020-12 shaped and every input field has its line in {@code
 * schema.properties}; output schemas are outlines that type the result's fields.
 */
class SchemasTest {
  /** The tool specs need a service to exist; none of them runs here. */
  private static final OrchestratorService SERVICE = TestService.empty();

  @Test
  void everyInputFieldIsListedInTheRulesAndEveryOutputHasFields() {
    List<ToolSpec<?>> tools = AinoMcpServer.tools(SERVICE, new IntentEngine(SERVICE));
    assertThat(tools).hasSize(21);
    for (ToolSpec<?> tool : tools) {
      assertListed(tool.name(), tool.input());
      assertThat(properties(Schemas.output(tool.output())))
          .as(tool.name() + " output")
          .isNotEmpty();
    }
  }

  @Test
  void aFieldWithAnEmptyRuleHasNoDescriptionAndTheOthersHaveOne() {
    Map<String, Map<String, Object>> query =
        properties(Schemas.input(dev.aino.mcp.tools.Inputs.EventQuery.class));
    assertThat(query.get("warningsOnly")).doesNotContainKey("description");
    assertThat(query.get("limit")).containsKey("description");
  }

  /**
   * Every field of an input record, and of the records inside it, has a line in {@code
   * schema.properties}: a description, or an empty one chosen on purpose.
   */
  private static void assertListed(String tool, Class<?> type) {
    if (!type.isRecord()) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      assertThat(Schemas.listed(type.getSimpleName() + "." + c.getName()))
          .as(tool + ": " + type.getSimpleName() + "." + c.getName() + " in schema.properties")
          .isTrue();
      if (c.getType().isRecord() && c.getType() != type) {
        assertListed(tool, c.getType());
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void outputSchemasTypeTheResultsFieldsOnly() {
    Map<String, Object> detail = Schemas.output(dev.aino.mcp.tools.Outputs.WorkloadDetail.class);
    assertThat(properties(detail)).containsKeys("workload", "spec", "instances");
    Map<String, Object> spec = properties(detail).get("spec");
    assertThat(spec).containsOnlyKeys("type").containsEntry("type", "object");
    Map<String, Object> instances = properties(detail).get("instances");
    assertThat(instances).containsEntry("type", "array").doesNotContainKey("description");
    assertThat((Map<String, Object>) instances.get("items")).containsOnlyKeys("type");
    Map<String, Object> count = properties(detail).get("instanceCount");
    assertThat(count).containsOnlyKeys("type").containsEntry("type", "integer");
  }

  @Test
  @SuppressWarnings("unchecked")
  void listItemsDoNotRepeatTheListsDescription() {
    Map<String, Object> schedule = Schemas.input(dev.aino.mcp.tools.Inputs.Schedule.class);
    Map<String, Object> command = properties(properties(schedule).get("spec")).get("command");
    assertThat(command).containsKey("description");
    assertThat((Map<String, Object>) command.get("items")).containsOnlyKeys("type");
  }

  @Test
  @SuppressWarnings("unchecked")
  void carriesRequiredFieldsEnumsAndBounds() {
    Map<String, Object> schedule = Schemas.input(dev.aino.mcp.tools.Inputs.Schedule.class);
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
}
