package dev.aino.scheduler;

import dev.aino.model.NetworkMode;
import dev.aino.model.PortBinding;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The host ports of one node that instances hold, and how a request's ports map onto a node.
 *
 * <p>Host ports are a scheduling resource as Nomad's are: a static {@code hostPort} (or, in host
 * mode, the container port itself) must be free on the node, and a port without one gets a free
 * port of the dynamic range {@value #DYNAMIC_MIN}-{@value #DYNAMIC_MAX} (Nomad's default) when the
 * instance is placed. The choice is recorded on the instance and counted against the node while the
 * instance holds resources, so no port is given twice on a node.
 */
final class HostPorts {
  /** First port of the dynamic range. */
  static final int DYNAMIC_MIN = 20_000;

  /** Last port of the dynamic range. */
  static final int DYNAMIC_MAX = 32_000;

  private static final int RANGE = DYNAMIC_MAX - DYNAMIC_MIN + 1;

  /** Bit {@code port} for TCP, {@code 65536 + port} for UDP; null until the first port is held. */
  private BitSet used;

  boolean inUse(Protocol protocol, int port) {
    return used != null && used.get(bit(protocol, port));
  }

  void hold(Protocol protocol, int port) {
    if (used == null) {
      used = new BitSet();
    }
    used.set(bit(protocol, port));
  }

  void holdAll(List<PortBinding> bindings) {
    for (PortBinding b : bindings) {
      hold(b.protocol(), b.hostPort());
    }
  }

  HostPorts copy() {
    HostPorts copy = new HostPorts();
    copy.used = used == null ? null : (BitSet) used.clone();
    return copy;
  }

  /**
   * The host port {@code port} needs whatever else is on the node, or null when it takes one of the
   * dynamic range.
   */
  static Integer staticPort(PortSpec port, NetworkMode mode) {
    if (port.hostPort() != null) {
      return port.hostPort();
    }
    return mode == NetworkMode.HOST ? port.containerPort() : null;
  }

  /**
   * How many dynamic ports of {@code protocol} are free here, counting no further than {@code n}.
   */
  int freeDynamic(Protocol protocol, int n) {
    int free = 0;
    for (int p = DYNAMIC_MIN; p <= DYNAMIC_MAX && free < n; p++) {
      if (!inUse(protocol, p)) {
        free++;
      }
    }
    return free;
  }

  /**
   * Binds every port of a request that fits, holding what it takes. Dynamic ports are searched from
   * a point that depends on the instance id, so replicas placed together do not all probe the same
   * ports first and a port freed by one instance is not at once the next one's.
   */
  List<PortBinding> bind(String instanceId, List<PortSpec> ports, NetworkMode mode) {
    List<PortBinding> bindings = new ArrayList<>(ports.size());
    int next = Math.floorMod(instanceId.hashCode(), RANGE);
    for (PortSpec p : ports) {
      Integer host = staticPort(p, mode);
      if (host == null) {
        for (int k = 0; k < RANGE; k++, next++) {
          int candidate = DYNAMIC_MIN + Math.floorMod(next, RANGE);
          if (!inUse(p.protocol(), candidate)) {
            host = candidate;
            next++;
            break;
          }
        }
        if (host == null) {
          throw new IllegalStateException("no free dynamic port; the port check admitted the node");
        }
      }
      hold(p.protocol(), host);
      bindings.add(new PortBinding(p.name(), p.containerPort(), host, p.protocol()));
    }
    return List.copyOf(bindings);
  }

  private static int bit(Protocol protocol, int port) {
    return protocol == Protocol.UDP ? 65_536 + port : port;
  }
}
