package dev.aino.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A container as the OCI runtime's {@code state} and {@code list} commands describe it.
 *
 * @param id the container id
 * @param status {@code creating}, {@code created}, {@code running}, {@code paused} or {@code
 *     stopped}
 * @param pid its init process on the host, 0 once stopped
 * @param bundle its bundle directory
 * @param created when the runtime created it (runc, crun and youki all report it); null when the
 *     runtime did not say or said it in another form
 */
record OciState(String id, String status, long pid, String bundle, Instant created) {
  static OciState of(JsonNode node) {
    return new OciState(
        node.path("id").asText(),
        node.path("status").asText(),
        node.path("pid").asLong(0),
        node.path("bundle").asText(""),
        instant(node.path("created").asText("")));
  }

  private static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Its init process exists (created, running or paused). */
  boolean isAlive() {
    return pid > 0 && !status.equals("stopped");
  }
}
