/**
 * Reading and writing documents in the formats people write workloads in: JSON and YAML, with
 * syntax errors reported as {@link dev.aino.error.ValidationException}s that say where (line and
 * column) and never as a parser's stack trace. YAML uses the same mapping as {@link
 * dev.aino.json.Json}, so a document means the same in both formats.
 */
package dev.aino.server.format;
