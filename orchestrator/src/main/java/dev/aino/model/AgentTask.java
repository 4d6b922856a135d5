package dev.aino.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.ValidationException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A task of an agent protocol (A2A) kept in the state store, so that a client can still read it
 * after the server restarted. The store knows only what it needs to keep and expire it (its owner,
 * whether it finished and when it last changed); the task itself is the agent's own document,
 * opaque here, so that the orchestrator depends on no agent protocol.
 *
 * @param id the task id, the store key
 * @param owner the name of the caller that created it
 * @param contextId the conversation context it belongs to
 * @param finished true once it reached a state it never leaves
 * @param updatedAt when it last changed; a finished task expires a retention time after this
 * @param document the agent's rendering of the task, a JSON object
 * @param revision store revision
 */
public record AgentTask(
    String id,
    String owner,
    String contextId,
    boolean finished,
    Instant updatedAt,
    JsonNode document,
    long revision)
    implements StoredObject<AgentTask> {

  /** Ids are keys: no path separators, no spaces, bounded. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public AgentTask {
    Validate.required("id", id);
    if (!ID.matcher(id).matches()) {
      throw new ValidationException(
          "id",
          "must be 1-128 letters, digits, '.', '_', ':' or '-', got \"" + Validate.clip(id) + "\"");
    }
    Validate.required("owner", owner);
    Validate.required("contextId", contextId);
    Validate.required("updatedAt", updatedAt);
    Validate.required("document", document);
    if (!document.isObject()) {
      throw new ValidationException("document", "must be a JSON object");
    }
  }

  @Override
  public String storeKey() {
    return id;
  }

  @Override
  public AgentTask withRevision(long revision) {
    return new AgentTask(id, owner, contextId, finished, updatedAt, document, revision);
  }
}
