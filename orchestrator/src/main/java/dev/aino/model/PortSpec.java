package dev.aino.model;

import dev.aino.error.ValidationErrors;

/**
 * A port a workload's container listens on, and how it is published on the node.
 *
 * @param name DNS label naming the port; it names the environment variable {@code AINO_PORT_<NAME>}
 *     and the endpoint's port, and the port called {@code metrics} is what Prometheus discovery
 *     scrapes
 * @param containerPort the port the program listens on inside its network namespace, 1-65535
 * @param hostPort the node's port that forwards to it, 1-65535; null lets the node assign one from
 *     its dynamic range (bridge) or means the container port itself (host)
 * @param protocol TCP (default) or UDP
 */
public record PortSpec(String name, int containerPort, Integer hostPort, Protocol protocol) {
  public static final int MIN_PORT = 1;
  public static final int MAX_PORT = 65_535;

  public PortSpec {
    ValidationErrors errors = new ValidationErrors();
    errors.check(() -> Validate.dnsLabel("name", name));
    errors.check(() -> Validate.range("containerPort", containerPort, MIN_PORT, MAX_PORT));
    if (hostPort != null) {
      errors.check(() -> Validate.range("hostPort", hostPort, MIN_PORT, MAX_PORT));
    }
    errors.throwIfAny();
    protocol = protocol == null ? Protocol.TCP : protocol;
  }

  /** The environment variable that tells the container this port's number. */
  public String envName() {
    return envName(name);
  }

  /** {@code AINO_PORT_} and the port's name in upper case with '-' as '_'. */
  public static String envName(String portName) {
    return "AINO_PORT_" + portName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
