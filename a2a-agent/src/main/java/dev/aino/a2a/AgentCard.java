package dev.aino.a2a;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * aino's agent card: who it is, where and how to talk to it, and its skills with examples an agent
 * can imitate. The card follows A2A 1.0 ({@code supportedInterfaces}, {@code securitySchemes} with
 * {@code httpAuthSecurityScheme}, {@code securityRequirements}); the fields only 0.3 clients read
 * ({@code url}, {@code protocolVersion}, {@code preferredTransport}, {@code security}, a scheme's
 * {@code type}) are added beside them, where they mean the same.
 */
final class AgentCard {
  private record Skill(String id, String name, String description, List<String> examples) {}

  private static final List<Skill> SKILLS =
      List.of(
          new Skill(
              "deploy",
              "Deploy a workload",
              "Run a container image as a named workload with replicas, CPU and memory; the task"
                  + " follows it until every replica runs and returns the applied spec.",
              List.of(
                  "run 3 copies of nginx:1.27 called web with 128 MiB each",
                  "deploy redis:7 as cache")),
          new Skill(
              "scale",
              "Scale a workload",
              "Set a workload's replica count (to N, by +/-N, double, halve). Scaling to 0 asks for"
                  + " confirmation unless the message's metadata says \"confirm\": true.",
              List.of("scale web to 5", "add 2 replicas to api")),
          new Skill(
              "autoscale",
              "Autoscale a workload",
              "Keep a workload between bounds at a CPU or memory target, or stop autoscaling it.",
              List.of("autoscale web between 2 and 10 at 70% cpu", "stop autoscaling web")),
          new Skill(
              "status",
              "Status and diagnosis",
              "How a workload or the cluster is doing, and why a workload is not healthy (image"
                  + " pulls, placement, crashes), as text and data.",
              List.of("how is web doing?", "why is db not running?", "list workloads")),
          new Skill(
              "logs",
              "Logs",
              "What a workload's containers wrote lately.",
              List.of("show the logs of web")),
          new Skill(
              "node-maintenance",
              "Node maintenance",
              "Cordon, uncordon or drain a node. Draining asks for confirmation.",
              List.of("cordon node-2", "drain node-1")));

  private AgentCard() {}

  static ObjectNode of(String baseUrl, String version, boolean bearer, boolean push) {
    String endpoint = baseUrl + A2aAgent.PATH;
    ObjectNode card = Wire.F.objectNode();
    card.put("name", "aino");
    card.put(
        "description",
        "An AI-native container orchestrator. Say what you want run in words (deploy, scale,"
            + " autoscale, status, diagnose, logs, node maintenance), or as a data part"
            + " {\"action\": \"scale\", \"workload\": \"web\", \"replicas\": 5}; changes run as"
            + " tasks that follow the workload until its replicas run.");
    card.put("version", version);
    ArrayNode interfaces = card.putArray("supportedInterfaces");
    for (A2aVersion v : List.of(A2aVersion.V1_0, A2aVersion.V0_3)) {
      ObjectNode i = interfaces.addObject();
      i.put("url", endpoint);
      i.put("protocolBinding", "JSONRPC");
      i.put("protocolVersion", v.wire());
    }
    card.put("url", endpoint);
    card.put("protocolVersion", "0.3.0");
    card.put("preferredTransport", "JSONRPC");
    ObjectNode caps = card.putObject("capabilities");
    caps.put("streaming", true);
    caps.put("pushNotifications", push);
    caps.put("extendedAgentCard", true);
    card.put("supportsAuthenticatedExtendedCard", true);
    if (bearer) {
      ObjectNode scheme = card.putObject("securitySchemes").putObject("bearer");
      String description = "The token of aino up (--token or AINO_TOKEN).";
      ObjectNode http = scheme.putObject("httpAuthSecurityScheme");
      http.put("scheme", "Bearer");
      http.put("description", description);
      scheme.put("type", "http");
      scheme.put("scheme", "bearer");
      scheme.put("description", description);
      card.putArray("securityRequirements")
          .addObject()
          .putObject("schemes")
          .putObject("bearer")
          .putArray("list");
      card.putArray("security").addObject().putArray("bearer");
    }
    List<String> modes = List.of(Part.TEXT_PLAIN, Part.APPLICATION_JSON);
    modes.forEach(card.putArray("defaultInputModes")::add);
    modes.forEach(card.putArray("defaultOutputModes")::add);
    ArrayNode skills = card.putArray("skills");
    for (Skill s : SKILLS) {
      ObjectNode n = skills.addObject();
      n.put("id", s.id());
      n.put("name", s.name());
      n.put("description", s.description());
      n.putArray("tags").add(s.id()).add("orchestration");
      s.examples().forEach(n.putArray("examples")::add);
    }
    return card;
  }
}
