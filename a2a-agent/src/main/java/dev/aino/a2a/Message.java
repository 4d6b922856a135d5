package dev.aino.a2a;

import java.util.List;

/**
 * One message of a conversation with the agent.
 *
 * @param messageId the sender's id for it
 * @param fromAgent true for the agent's messages, false for the client's (role user)
 * @param parts what it says
 * @param taskId the task it belongs to, if any
 * @param contextId the context it belongs to, if any
 */
public record Message(
    String messageId, boolean fromAgent, List<Part> parts, String taskId, String contextId) {
  public Message {
    parts = List.copyOf(parts);
  }

  /** The texts of its text parts, joined by a space. */
  String text() {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      if (p.text() != null) {
        if (!b.isEmpty()) {
          b.append(' ');
        }
        b.append(p.text());
      }
    }
    return b.toString();
  }
}
