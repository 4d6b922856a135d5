package dev.aino.agent;

import dev.aino.error.AinoException;
import dev.aino.model.EventType;
import dev.aino.model.ObjectRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the agent's events. An event that cannot be written is logged and dropped: it explains a
 * transition but never decides one, so it must not fail the sync that caused it.
 */
final class AgentEvents {
  private static final Logger LOG = LoggerFactory.getLogger(AgentEvents.class);

  private final NodeApi api;
  private final String nodeName;

  AgentEvents(NodeApi api, String nodeName) {
    this.api = api;
    this.nodeName = nodeName;
  }

  void instance(String instanceId, String reason, String message) {
    record(ObjectRef.instance(instanceId), EventType.NORMAL, reason, message);
  }

  void instanceWarning(String instanceId, String reason, String message) {
    record(ObjectRef.instance(instanceId), EventType.WARNING, reason, message);
  }

  void node(String reason, String message) {
    record(ObjectRef.node(nodeName), EventType.NORMAL, reason, message);
  }

  private void record(ObjectRef object, EventType type, String reason, String message) {
    LOG.debug("{} {} {}: {}", object, type, reason, message);
    try {
      api.recordEvent(object, type, reason, message);
    } catch (AinoException e) {
      LOG.warn("could not record event {} on {}: {}", reason, object, e.getMessage());
    }
  }
}
