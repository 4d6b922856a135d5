package dev.aino.bench.mcp;

import dev.aino.api.OrchestratorService;
import java.util.Map;
import java.util.function.Function;

/**
 * One read an agent makes, three ways: an MCP tool call, the REST request that fetches the same
 * data, and the facade call behind both.
 *
 * @param label how the report names it
 * @param tool the MCP tool
 * @param arguments the tool's arguments
 * @param restPath the REST equivalent, path and query under the server's base URI
 * @param facade the same data from {@link OrchestratorService} in-process
 */
record Operation(
    String label,
    String tool,
    Map<String, Object> arguments,
    String restPath,
    Function<OrchestratorService, Object> facade) {}
