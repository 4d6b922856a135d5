package dev.aino.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.Endpoint;
import dev.aino.json.Json;
import dev.aino.mcp.tools.Outputs;
import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.Protocol;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outline output schemas still catch a result of the wrong shape, with the validator the SDK's
 * clients use (server tests run every tool through a client that validates this way).
 */
class OutputSchemaTest {
  private final DefaultJsonSchemaValidator validator =
      new DefaultJsonSchemaValidator(Json.mapper());

  @Test
  void aRealResultValidatesAndAWrongTypeDoesNot() {
    Map<String, Object> schema = Schemas.output(Outputs.WorkloadList.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> real =
        Json.mapper().convertValue(new Outputs.WorkloadList(List.of(), 0, null), Map.class);

    assertThat(validator.validate(schema, real).valid()).isTrue();
    assertThat(validator.validate(schema, Map.of("items", List.of(), "total", "none")).valid())
        .isFalse();
    assertThat(validator.validate(schema, Map.of("items", List.of(1), "total", 0)).valid())
        .isFalse();
  }

  @Test
  void listEndpointsResultsValidateAndAWrongShapeDoesNot() {
    Map<String, Object> schema = Schemas.output(Endpoint.Items.class);
    Endpoint bridged =
        new Endpoint(
            "web-1",
            "node-a",
            NetworkMode.BRIDGE,
            "10.88.0.5",
            true,
            List.of(new PortBinding("http", 8080, 20001, Protocol.TCP)));
    Endpoint host = new Endpoint("web-2", "node-b", NetworkMode.HOST, null, false, List.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> real =
        Json.mapper().convertValue(new Endpoint.Items(List.of(bridged, host)), Map.class);

    assertThat(validator.validate(schema, real).valid()).isTrue();
    assertThat(validator.validate(schema, Map.of("items", "web-1")).valid()).isFalse();
    assertThat(validator.validate(schema, Map.of("items", List.of("web-1"))).valid()).isFalse();
  }
}
