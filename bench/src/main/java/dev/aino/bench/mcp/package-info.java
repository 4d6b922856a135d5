/**
 * The MCP benchmark ({@code mcp}): tool-call latency and throughput of aino's MCP server over
 * Streamable HTTP on a cluster of 10,000 running instances, beside the same reads through the REST
 * API and the in-process facade.
 */
package dev.aino.bench.mcp;
