/**
 * aino as a Model Context Protocol server: tools, resources and prompts over {@link
 * dev.aino.api.OrchestratorService}, served over Streamable HTTP (mounted in the aino HTTP server)
 * or stdio. {@link dev.aino.mcp.AinoMcpServer} builds the server; {@link dev.aino.mcp.ToolErrors}
 * is the one place that turns {@link dev.aino.error.AinoException}s into tool results. Over HTTP,
 * {@code McpHttpGate} stands in front of the SDK's transport: JSON-RPC errors for whatever the SDK
 * would answer with a stack trace, an error page or an empty stream, and the session limits.
 */
package dev.aino.mcp;
