/**
 * An example agent: a chat model on any OpenAI-compatible endpoint that deploys and scales a
 * workload through aino's MCP tools, with langchain4j's MCP client over Streamable HTTP. It talks
 * to aino only over MCP, as any third-party agent would.
 */
package dev.aino.examples.langchain4j;
