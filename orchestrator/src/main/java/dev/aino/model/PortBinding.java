package dev.aino.model;

/**
 * A port of a placed instance: the workload's {@link PortSpec} with the node's port it got. The
 * scheduler fixes the host port when it places the instance, and it stays the instance's for its
 * life.
 *
 * @param name the port's name
 * @param containerPort the port inside the container's network namespace
 * @param hostPort the node's port that forwards to it (equal to the container port in host mode)
 * @param protocol TCP or UDP
 */
public record PortBinding(String name, int containerPort, int hostPort, Protocol protocol) {
  public PortBinding {
    Validate.dnsLabel("name", name);
    Validate.range("containerPort", containerPort, PortSpec.MIN_PORT, PortSpec.MAX_PORT);
    Validate.range("hostPort", hostPort, PortSpec.MIN_PORT, PortSpec.MAX_PORT);
    protocol = protocol == null ? Protocol.TCP : protocol;
  }
}
