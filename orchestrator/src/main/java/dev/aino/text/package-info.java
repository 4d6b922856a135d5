/**
 * Wording shared by every message aino writes for people, so that the CLI, the REST API, MCP and
 * events say counts the same way.
 */
package dev.aino.text;
