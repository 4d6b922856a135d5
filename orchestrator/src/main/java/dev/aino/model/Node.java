package dev.aino.model;

import dev.aino.error.ValidationException;
import java.time.Instant;
import java.util.Map;

/**
 * A host that runs instances.
 *
 * @param name DNS-1123 label, unique in the cluster
 * @param address how other nodes and the control plane reach its agent (host:port), may be empty
 * @param labels matched by workloads' node selectors
 * @param capacity what the host has
 * @param allocatable what aino may hand out (capacity less what the host keeps for itself)
 * @param status membership's view
 * @param schedulable false when cordoned or draining
 * @param runtime the runtime fingerprint, null until the agent reported one
 * @param lastHeartbeat when the agent last reported, null before the first heartbeat
 * @param registeredAt when its agent first registered it: a node's age. Null in documents stored
 *     before aino recorded it, until its agent registers again
 * @param revision store revision
 */
public record Node(
    String name,
    String address,
    Map<String, String> labels,
    Resources capacity,
    Resources allocatable,
    NodeStatus status,
    boolean schedulable,
    RuntimeInfo runtime,
    Instant lastHeartbeat,
    Instant registeredAt,
    long revision)
    implements StoredObject<Node> {

  public Node {
    Validate.dnsLabel("name", name);
    address = Validate.text("address", address == null ? "" : address);
    labels = Validate.labels("labels", labels);
    Validate.required("capacity", capacity).requireHostSized("capacity");
    allocatable = allocatable == null ? capacity : allocatable;
    if (!capacity.fits(allocatable)) {
      throw new ValidationException(
          "allocatable", "must not exceed capacity (" + capacity + "), got " + allocatable);
    }
    status = status == null ? NodeStatus.READY : status;
  }

  /** A ready, schedulable node with no runtime reported yet. */
  public static Node of(String name, Resources capacity) {
    return new Node(
        name, "", Map.of(), capacity, capacity, NodeStatus.READY, true, null, null, null, 0);
  }

  @Override
  public String storeKey() {
    return name;
  }

  @Override
  public Node withRevision(long revision) {
    return new Node(
        name,
        address,
        labels,
        capacity,
        allocatable,
        status,
        schedulable,
        runtime,
        lastHeartbeat,
        registeredAt,
        revision);
  }

  public Node withStatus(NodeStatus status) {
    return new Node(
        name,
        address,
        labels,
        capacity,
        allocatable,
        status,
        schedulable,
        runtime,
        lastHeartbeat,
        registeredAt,
        revision);
  }

  public Node withSchedulable(boolean schedulable) {
    return new Node(
        name,
        address,
        labels,
        capacity,
        allocatable,
        status,
        schedulable,
        runtime,
        lastHeartbeat,
        registeredAt,
        revision);
  }

  public Node withLabels(Map<String, String> labels) {
    return new Node(
        name,
        address,
        labels,
        capacity,
        allocatable,
        status,
        schedulable,
        runtime,
        lastHeartbeat,
        registeredAt,
        revision);
  }

  public Node withHeartbeat(Instant at, RuntimeInfo runtime) {
    return new Node(
        name,
        address,
        labels,
        capacity,
        allocatable,
        status,
        schedulable,
        runtime,
        at,
        registeredAt,
        revision);
  }

  /** Ready and not cordoned: the node may receive new instances. */
  public boolean acceptsWork() {
    return status == NodeStatus.READY && schedulable;
  }
}
