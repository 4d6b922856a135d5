package dev.aino.bench.mcp;

import dev.aino.api.OrchestratorService;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One read an agent makes, three ways: an MCP tool call, the REST requests that fetch the same
 * data, and the facade calls behind both.
 *
 * @param label how the report names it
 * @param tool the MCP tool
 * @param arguments the tool's arguments
 * @param restPaths the REST equivalent, paths and queries under the server's base URI: one request,
 *     or those a REST client makes to learn what the tool answers in one call
 * @param facade the same data from {@link OrchestratorService} in-process
 */
record Operation(
    String label,
    String tool,
    Map<String, Object> arguments,
    List<String> restPaths,
    Function<OrchestratorService, Object> facade) {

  Operation {
    restPaths = List.copyOf(restPaths);
    if (restPaths.isEmpty()) {
      throw new IllegalArgumentException("an operation needs at least one REST request");
    }
  }
}
