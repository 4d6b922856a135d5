package dev.aino.server.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import dev.aino.server.format.DocumentFormat;
import dev.aino.server.format.Documents;
import io.javalin.http.Context;

/** Reads a request body, JSON or YAML by its {@code Content-Type}, as one document. */
final class RequestBodies {
  /** How errors about the body as a whole name it. */
  static final String SOURCE = "body";

  private RequestBodies() {}

  /**
   * The body's one document.
   *
   * @throws ValidationException naming {@code Content-Type} or {@code body} when it is unreadable
   */
  static JsonNode document(Context ctx) {
    DocumentFormat format = DocumentFormat.ofContentType(ctx.contentType());
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      throw new ValidationException(SOURCE, "is empty; send a JSON or YAML document");
    }
    return Documents.readOne(body, format, SOURCE);
  }
}
