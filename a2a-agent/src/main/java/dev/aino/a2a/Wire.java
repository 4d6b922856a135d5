package dev.aino.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.intent.IntentRequest;
import dev.aino.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON shapes of both versions, in one place. A2A 1.0 tells parts apart by which field is set
 * ({@code text}, {@code data}) and writes enums as {@code TASK_STATE_WORKING} and {@code
 * ROLE_AGENT}; 0.3 adds a {@code kind} to every object and writes enums in lower case.
 */
final class Wire {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The most parts one message may carry. */
  static final int MAX_PARTS = 8;

  /** The largest data part, as JSON. */
  static final int MAX_DATA_BYTES = 16 * 1024;

  private Wire() {}

  // ---- rendering

  static ObjectNode task(TaskSnapshot t, A2aVersion v, Integer historyLength) {
    ObjectNode n = F.objectNode();
    n.put("id", t.id());
    n.put("contextId", t.contextId());
    n.set("status", status(t, v));
    if (!t.artifacts().isEmpty()) {
      ArrayNode a = n.putArray("artifacts");
      t.artifacts().forEach(x -> a.add(artifact(x, v)));
    }
    List<Message> history = t.history();
    if (historyLength != null) {
      history = history.subList(Math.max(0, history.size() - historyLength), history.size());
    }
    if (!history.isEmpty()) {
      ArrayNode h = n.putArray("history");
      history.forEach(m -> h.add(message(m, v)));
    }
    if (v == A2aVersion.V0_3) {
      n.put("kind", "task");
    }
    return n;
  }

  static ObjectNode status(TaskSnapshot t, A2aVersion v) {
    ObjectNode s = F.objectNode();
    s.put("state", t.state().wire(v));
    if (t.status() != null) {
      s.set("message", message(t.status(), v));
    }
    s.put("timestamp", t.timestamp().toString());
    return s;
  }

  static ObjectNode message(Message m, A2aVersion v) {
    ObjectNode n = F.objectNode();
    n.put("messageId", m.messageId());
    if (m.contextId() != null) {
      n.put("contextId", m.contextId());
    }
    if (m.taskId() != null) {
      n.put("taskId", m.taskId());
    }
    n.put(
        "role",
        v == A2aVersion.V1_0
            ? (m.fromAgent() ? "ROLE_AGENT" : "ROLE_USER")
            : (m.fromAgent() ? "agent" : "user"));
    ArrayNode parts = n.putArray("parts");
    m.parts().forEach(p -> parts.add(part(p, v)));
    if (v == A2aVersion.V0_3) {
      n.put("kind", "message");
    }
    return n;
  }

  static ObjectNode part(Part p, A2aVersion v) {
    ObjectNode n = F.objectNode();
    if (p.text() != null) {
      if (v == A2aVersion.V0_3) {
        n.put("kind", "text");
      }
      n.put("text", p.text());
    } else {
      if (v == A2aVersion.V0_3) {
        n.put("kind", "data");
      }
      n.set("data", p.data());
      if (v == A2aVersion.V1_0) {
        n.put("mediaType", Part.APPLICATION_JSON);
      }
    }
    return n;
  }

  static ObjectNode artifact(Artifact a, A2aVersion v) {
    ObjectNode n = F.objectNode();
    n.put("artifactId", a.artifactId());
    n.put("name", a.name());
    ArrayNode parts = n.putArray("parts");
    a.parts().forEach(p -> parts.add(part(p, v)));
    return n;
  }

  /** The result of a send: 1.0 wraps the task as {@code {"task": ...}}, 0.3 sends it bare. */
  static ObjectNode sendResult(TaskSnapshot t, A2aVersion v) {
    ObjectNode task = task(t, v, null);
    if (v == A2aVersion.V0_3) {
      return task;
    }
    ObjectNode n = F.objectNode();
    n.set("task", task);
    return n;
  }

  /** One event of a stream after the first (which is the task, as {@link #sendResult}). */
  static ObjectNode event(TaskEvent e, A2aVersion v) {
    TaskSnapshot t = e.task();
    ObjectNode n = F.objectNode();
    n.put("taskId", t.id());
    n.put("contextId", t.contextId());
    if (e.artifact() != null) {
      n.set("artifact", artifact(e.artifact(), v));
      n.put("append", false);
      n.put("lastChunk", true);
    } else {
      n.set("status", status(t, v));
    }
    if (v == A2aVersion.V0_3) {
      n.put("kind", e.artifact() != null ? "artifact-update" : "status-update");
      if (e.artifact() == null) {
        n.put("final", e.isFinal());
      }
      return n;
    }
    ObjectNode wrapped = F.objectNode();
    wrapped.set(e.artifact() != null ? "artifactUpdate" : "statusUpdate", n);
    return wrapped;
  }

  // ---- parsing

  /** The client's message of a send, checked against the version's shape and aino's limits. */
  static Message inbound(JsonNode params, A2aVersion v) {
    JsonNode m = params.get("message");
    if (m == null || m.isNull()) {
      throw A2aException.invalidParams("message", "is required");
    }
    if (!m.isObject()) {
      throw A2aException.invalidParams("message", "must be an object");
    }
    refuseUnknown(m, "message", v == A2aVersion.V0_3 ? MESSAGE_FIELDS_0_3 : MESSAGE_FIELDS_1_0);
    String messageId = string(m, "message.messageId", true);
    String role = string(m, "message.role", true);
    String user = v == A2aVersion.V1_0 ? "ROLE_USER" : "user";
    if (!role.equals(user)) {
      throw A2aException.invalidParams(
          "message.role", "must be " + user + " in A2A " + v.wire() + ", got " + role);
    }
    if (v == A2aVersion.V0_3) {
      String kind = string(m, "message.kind", false);
      if (kind != null && !kind.equals("message")) {
        throw A2aException.invalidParams("message.kind", "must be message, got " + kind);
      }
    }
    JsonNode parts = m.get("parts");
    if (parts == null || !parts.isArray() || parts.isEmpty()) {
      throw A2aException.invalidParams("message.parts", "must be a non-empty array of parts");
    }
    if (parts.size() > MAX_PARTS) {
      throw A2aException.invalidParams(
          "message.parts",
          "has " + parts.size() + " parts; a message may carry at most " + MAX_PARTS);
    }
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      out.add(inboundPart(parts.get(i), "message.parts[" + i + "]", v));
    }
    return new Message(
        messageId,
        false,
        out,
        orNull(string(m, "message.taskId", false)),
        orNull(string(m, "message.contextId", false)));
  }

  /** An empty id is an absent one, as in A2A 1.0's protocol buffers, where "" is the default. */
  private static String orNull(String id) {
    return id == null || id.isBlank() ? null : id;
  }

  private static Part inboundPart(JsonNode p, String path, A2aVersion v) {
    if (!p.isObject()) {
      throw A2aException.invalidParams(path, "must be an object");
    }
    refuseUnknown(p, path, v == A2aVersion.V0_3 ? PART_FIELDS_0_3 : PART_FIELDS_1_0);
    String kind;
    if (v == A2aVersion.V0_3) {
      kind = string(p, path + ".kind", true);
    } else {
      kind = null;
      for (String k : List.of("text", "data", "url", "raw")) {
        if (p.has(k)) {
          if (kind != null) {
            throw A2aException.invalidParams(path, "sets both " + kind + " and " + k);
          }
          kind = k;
        }
      }
      if (kind == null) {
        throw A2aException.invalidParams(path, "sets none of text, data, url, raw");
      }
      String mediaType = string(p, path + ".mediaType", false);
      String expected = kind.equals("data") ? Part.APPLICATION_JSON : Part.TEXT_PLAIN;
      if (mediaType != null && !mediaType.isEmpty() && !mediaType.startsWith(expected)) {
        throw new A2aException(
            A2aErrorCode.CONTENT_TYPE_NOT_SUPPORTED,
            path
                + ".mediaType "
                + mediaType
                + " is not taken; send text/plain text or application/json data");
      }
    }
    switch (kind) {
      case "text" -> {
        return Part.text(string(p, path + ".text", true));
      }
      case "data" -> {
        JsonNode data = p.get("data");
        if (data == null || !data.isObject()) {
          throw A2aException.invalidParams(path + ".data", "must be a JSON object");
        }
        if (Json.encode(data).length > MAX_DATA_BYTES) {
          throw A2aException.invalidParams(
              path + ".data", "is larger than " + MAX_DATA_BYTES + " bytes");
        }
        return Part.data(data);
      }
      case "file", "url", "raw" ->
          throw new A2aException(
              A2aErrorCode.CONTENT_TYPE_NOT_SUPPORTED,
              path + " is a file; this agent takes text/plain and application/json parts only");
      default ->
          throw A2aException.invalidParams(
              path + ".kind", "must be text, data or file, got " + kind);
    }
  }

  /**
   * The words a message says: its text parts, or the {@code text} of a data part. At most {@value
   * IntentRequest#MAX_TEXT} characters.
   */
  static String words(Message m) {
    StringBuilder b = new StringBuilder(m.text());
    for (int i = 0; i < m.parts().size(); i++) {
      JsonNode data = m.parts().get(i).data();
      if (data == null) {
        continue;
      }
      JsonNode text = data.get("text");
      if (text == null || !text.isTextual()) {
        throw A2aException.invalidParams(
            "message.parts[" + i + "].data.text",
            "is required: a data part holds an intent as words, {\"text\": \"scale web to 3\"},"
                + " or structured, {\"action\": \"scale\", \"workload\": \"web\","
                + " \"replicas\": 3}");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = data.fields();
      while (fields.hasNext()) {
        String name = fields.next().getKey();
        if (!name.equals("text")) {
          throw A2aException.invalidParams(
              "message.parts[" + i + "].data." + name,
              "is not a field of an intent in words ({\"text\": ...}); a structured intent"
                  + " names its \"action\"");
        }
      }
      if (!b.isEmpty()) {
        b.append(' ');
      }
      b.append(text.textValue());
    }
    String words = b.toString().strip();
    if (words.isEmpty()) {
      throw A2aException.invalidParams("message.parts", "say nothing; send a text part");
    }
    if (words.length() > IntentRequest.MAX_TEXT) {
      throw A2aException.invalidParams(
          "message.parts",
          "hold "
              + words.length()
              + " characters of text; at most "
              + IntentRequest.MAX_TEXT
              + " are read");
    }
    return words;
  }

  /** A string field, or null when absent and optional. */
  /** The fields of a Message in A2A 1.0, and in 0.3, which adds {@code kind}. */
  private static final Set<String> MESSAGE_FIELDS_1_0 =
      Set.of(
          "messageId",
          "contextId",
          "taskId",
          "role",
          "parts",
          "metadata",
          "extensions",
          "referenceTaskIds");

  private static final Set<String> MESSAGE_FIELDS_0_3 = with(MESSAGE_FIELDS_1_0, "kind");

  /** The fields of a Part in A2A 1.0 (one of its content fields and their details). */
  private static final Set<String> PART_FIELDS_1_0 =
      Set.of("text", "data", "url", "raw", "filename", "mediaType", "metadata");

  /** The fields of 0.3's TextPart, DataPart and FilePart together. */
  private static final Set<String> PART_FIELDS_0_3 =
      Set.of("kind", "text", "data", "file", "metadata");

  private static Set<String> with(Set<String> fields, String more) {
    Set<String> all = new TreeSet<>(fields);
    all.add(more);
    return Set.copyOf(all);
  }

  /**
   * Refuses a field the version's schema does not define, naming it: a misspelt {@code taskid}
   * would otherwise start a new task instead of answering the one asked about.
   */
  private static void refuseUnknown(JsonNode object, String path, Set<String> known) {
    refuseUnknownFields(object, path + ".", known);
  }

  /** As {@link #refuseUnknown}, each field's path being {@code prefix} and its name. */
  static void refuseUnknownFields(JsonNode object, String prefix, Set<String> known) {
    object
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw A2aException.invalidParams(
                    prefix + name,
                    "is not a field of this object in this A2A version; it has "
                        + String.join(", ", new TreeSet<>(known)));
              }
            });
  }

  static String string(JsonNode n, String path, boolean required) {
    String name = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        throw A2aException.invalidParams(path, "is required");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw A2aException.invalidParams(path, "must be a string");
    }
    if (required && v.textValue().isBlank()) {
      throw A2aException.invalidParams(path, "must not be blank");
    }
    return v.textValue();
  }
}
