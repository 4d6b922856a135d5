package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Endpoint;
import dev.aino.mcp.tools.Outputs;
import dev.aino.mcp.tools.Views;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-call check of a tool's result: its record must be the one its schema describes. */
class RecordOutputValidatorTest {
  private final RecordOutputValidator validator = new RecordOutputValidator();

  @Test
  void theRecordTheSchemaWasMadeFromIsValidAnotherRecordOrAMapIsNot() {
    Map<String, Object> schema = Schemas.output(Outputs.InstanceList.class);

    ValidationResponse right =
        validator.validate(schema, new Outputs.InstanceList(List.of(), 0, null));
    ValidationResponse otherRecord = validator.validate(schema, new Views.ResourcesView(100, 64));
    ValidationResponse map = validator.validate(schema, Map.of("items", List.of(), "total", 0));

    assertThat(right.valid()).isTrue();
    assertThat(otherRecord.valid()).isFalse();
    assertThat(otherRecord.errorMessage()).contains("ResourcesView");
    assertThat(map.valid()).isFalse();
    assertThat(validator.validate(schema, null).valid()).isFalse();
  }

  @Test
  void aCopyOfTheSchemaIsStillRecognised() {
    Map<String, Object> copy = new java.util.HashMap<>(Schemas.output(Endpoint.Items.class));

    assertThat(validator.validate(copy, new Endpoint.Items(List.of())).valid()).isTrue();
  }
}
