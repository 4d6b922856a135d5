package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.intent.IntentAction;
import dev.aino.model.AgentTask;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A task as the state store keeps it ({@link AgentTask#document()}): its state, status message,
 * history and artifacts, what a cancel needs to report, and its push configs (so that they survive
 * a restart with the task). Written field by field rather than by the record mapping, so that the
 * stored layout stays put when a record changes and a part's absent text or data stays absent (the
 * mapper reads a JSON {@code null} as a node).
 */
final class TaskDocument {
  private TaskDocument() {}

  /** The stored form of {@code t} as it is now; call under the task's lock. */
  static ObjectNode of(
      TaskSnapshot t,
      String conversation,
      IntentAction action,
      String workload,
      String applied,
      String server,
      List<PushConfig> pushConfigs) {
    ObjectNode n = Wire.F.objectNode();
    n.put("state", t.state().name());
    if (t.status() != null) {
      n.set("status", message(t.status()));
    }
    n.put("timestamp", t.timestamp().toString());
    ArrayNode history = n.putArray("history");
    t.history().forEach(m -> history.add(message(m)));
    ArrayNode artifacts = n.putArray("artifacts");
    for (Artifact a : t.artifacts()) {
      ObjectNode o = artifacts.addObject();
      o.put("artifactId", a.artifactId());
      o.put("name", a.name());
      o.set("parts", parts(a.parts()));
    }
    putIfSet(n, "conversation", conversation);
    putIfSet(n, "action", action == null ? null : action.name());
    putIfSet(n, "workload", workload);
    putIfSet(n, "applied", applied);
    putIfSet(n, "server", server);
    if (!pushConfigs.isEmpty()) {
      ArrayNode push = n.putArray("pushConfigs");
      for (PushConfig c : pushConfigs) {
        ObjectNode o = push.addObject();
        o.put("id", c.id());
        o.put("url", c.url().toString());
        putIfSet(o, "token", c.token());
        putIfSet(o, "scheme", c.scheme());
        putIfSet(o, "credentials", c.credentials());
        o.put("version", c.version().wire());
      }
    }
    return n;
  }

  /**
   * The task {@code stored} describes.
   *
   * @throws IllegalArgumentException when the document is not one this class wrote
   */
  static A2aTask task(AgentTask stored) {
    JsonNode d = stored.document();
    TaskState state = TaskState.valueOf(required(d, "state").textValue());
    Message status = d.hasNonNull("status") ? message(d.get("status")) : null;
    Instant timestamp = Instant.parse(required(d, "timestamp").textValue());
    List<Message> history = new ArrayList<>();
    d.path("history").forEach(m -> history.add(message(m)));
    List<Artifact> artifacts = new ArrayList<>();
    for (JsonNode a : d.path("artifacts")) {
      artifacts.add(
          new Artifact(
              required(a, "artifactId").textValue(),
              required(a, "name").textValue(),
              parts(required(a, "parts"))));
    }
    List<PushConfig> push = new ArrayList<>();
    for (JsonNode c : d.path("pushConfigs")) {
      push.add(
          new PushConfig(
              required(c, "id").textValue(),
              URI.create(required(c, "url").textValue()),
              text(c, "token"),
              text(c, "scheme"),
              text(c, "credentials"),
              A2aVersion.of(required(c, "version").textValue())));
    }
    A2aTask t =
        new A2aTask(
            stored.id(),
            stored.contextId(),
            stored.owner(),
            state,
            status,
            timestamp,
            history,
            artifacts,
            push);
    t.conversation = text(d, "conversation");
    String action = text(d, "action");
    t.action = action == null ? null : IntentAction.valueOf(action);
    t.workload = text(d, "workload");
    t.applied = text(d, "applied");
    t.server = text(d, "server");
    return t;
  }

  private static ObjectNode message(Message m) {
    ObjectNode n = Wire.F.objectNode();
    n.put("messageId", m.messageId());
    n.put("fromAgent", m.fromAgent());
    n.set("parts", parts(m.parts()));
    putIfSet(n, "taskId", m.taskId());
    putIfSet(n, "contextId", m.contextId());
    return n;
  }

  private static Message message(JsonNode n) {
    return new Message(
        required(n, "messageId").textValue(),
        required(n, "fromAgent").booleanValue(),
        parts(required(n, "parts")),
        text(n, "taskId"),
        text(n, "contextId"));
  }

  private static ArrayNode parts(List<Part> parts) {
    ArrayNode a = Wire.F.arrayNode();
    for (Part p : parts) {
      if (p.text() != null) {
        a.addObject().put("text", p.text());
      } else {
        a.addObject().set("data", p.data());
      }
    }
    return a;
  }

  private static List<Part> parts(JsonNode a) {
    List<Part> parts = new ArrayList<>();
    for (JsonNode p : a) {
      parts.add(p.has("text") ? Part.text(p.get("text").textValue()) : Part.data(p.get("data")));
    }
    return parts;
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.textValue();
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("the stored task has no " + field);
    }
    return v;
  }
}
