package dev.aino.a2a;

import java.time.Instant;
import java.util.List;

/**
 * A task as it was at one moment, for rendering: the live {@link A2aTask} changes under its lock,
 * and every reader works from a copy.
 *
 * @param id the task id
 * @param contextId the context it belongs to
 * @param state its state
 * @param status the agent's message with the state, or null
 * @param timestamp when the state was set
 * @param history the messages so far, oldest first
 * @param artifacts what it produced
 */
public record TaskSnapshot(
    String id,
    String contextId,
    TaskState state,
    Message status,
    Instant timestamp,
    List<Message> history,
    List<Artifact> artifacts) {
  public TaskSnapshot {
    history = List.copyOf(history);
    artifacts = List.copyOf(artifacts);
  }
}
