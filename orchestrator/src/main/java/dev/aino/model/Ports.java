package dev.aino.model;

import dev.aino.error.ValidationErrors;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a workload's list of ports as a whole: each port, then names and ports unique. */
public final class Ports {
  /** More would be a port range, which aino does not model. */
  public static final int MAX_PORTS = 64;

  private Ports() {}

  /**
   * Validates {@code ports} under {@code field} (e.g. {@code ports}), recording every error.
   *
   * @param network the workload's network mode, null when the node decides
   * @return the ports, never null; empty when {@code ports} is null
   */
  public static List<PortSpec> check(
      String field, List<PortSpec> ports, NetworkMode network, ValidationErrors errors) {
    if (ports == null) {
      return List.of();
    }
    if (ports.size() > MAX_PORTS) {
      errors.add(field, "at most " + MAX_PORTS + " ports, got " + ports.size());
      return List.copyOf(ports.stream().filter(p -> p != null).toList());
    }
    Set<String> names = new HashSet<>();
    Map<String, Integer> containerPorts = new HashMap<>();
    Map<String, Integer> hostPorts = new HashMap<>();
    for (int i = 0; i < ports.size(); i++) {
      String at = field + "[" + i + "]";
      PortSpec p = ports.get(i);
      if (p == null) {
        errors.add(at, "is required");
        continue;
      }
      if (!names.add(p.name())) {
        errors.add(at + ".name", "duplicate port name \"" + p.name() + "\"");
      }
      Integer other = containerPorts.putIfAbsent(p.protocol() + "/" + p.containerPort(), i);
      if (other != null) {
        errors.add(
            at + ".containerPort",
            p.protocol() + " " + p.containerPort() + " is already " + field + "[" + other + "]");
      }
      if (p.hostPort() != null) {
        other = hostPorts.putIfAbsent(p.protocol() + "/" + p.hostPort(), i);
        if (other != null) {
          errors.add(
              at + ".hostPort",
              p.protocol() + " " + p.hostPort() + " is already " + field + "[" + other + "]");
        }
        if (network == NetworkMode.HOST && p.hostPort() != p.containerPort()) {
          errors.add(
              at + ".hostPort",
              "must equal containerPort "
                  + p.containerPort()
                  + " with network HOST (the container listens on the node's ports), got "
                  + p.hostPort());
        }
      }
    }
    return ports.stream().filter(p -> p != null).toList();
  }
}
