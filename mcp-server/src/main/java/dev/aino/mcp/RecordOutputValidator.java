package dev.aino.mcp;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;

/**
 * What the SDK checks every tool result with: that its structured content is the record the tool's
 * output schema was generated from ({@link Schemas#output}), a check of its type rather than a walk
 * over its values.
 *
 * <p>Why not the SDK's schema validator on every call: it turned each result into a JSON tree,
 * validated the tree and then wrote it out as a string that aino never sends (every result has its
 * own text), three walks over a page of 50 instances before the one the answer needs; that made an
 * MCP call cost more than the REST call for the same data ({@code aino-bench mcp}). A result's JSON
 * follows from its record, and its record is what the schema describes, so a result of the right
 * record type validates; that the generated schemas and the encoded records agree is what tests
 * prove, validating the real results of every tool with the SDK's validator ({@code
 * OutputSchemaTest}, and every MCP test's client, which validates what it receives).
 */
final class RecordOutputValidator implements JsonSchemaValidator {
  @Override
  public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
    if (structuredContent == null) {
      return ValidationResponse.asInvalid("the result has no structured content");
    }
    if (!(structuredContent instanceof Record)) {
      return ValidationResponse.asInvalid(
          "the structured content is a "
              + structuredContent.getClass().getSimpleName()
              + ", not the record whose schema the tool lists");
    }
    Map<String, Object> own = Schemas.output(structuredContent.getClass());
    // The tool's schema is the cached map itself; equals only if something copied it.
    if (own == schema || own.equals(schema)) {
      return ValidationResponse.asValid(null);
    }
    return ValidationResponse.asInvalid(
        "the structured content is a "
            + structuredContent.getClass().getSimpleName()
            + ", whose schema is not the one the tool lists");
  }
}
