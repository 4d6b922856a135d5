/**
 * The MCP tools over {@link dev.aino.api.OrchestratorService}: one {@link
 * dev.aino.mcp.tools.ToolSpec} per tool (input record, output record, effect, handler), grouped by
 * object in {@link dev.aino.mcp.tools.WorkloadTools}, {@link dev.aino.mcp.tools.InstanceTools},
 * {@link dev.aino.mcp.tools.NodeTools}, {@link dev.aino.mcp.tools.ClusterTools} and {@link
 * dev.aino.mcp.tools.NetworkTools}; the compact views they return are in {@link
 * dev.aino.mcp.tools.Views}.
 */
package dev.aino.mcp.tools;
