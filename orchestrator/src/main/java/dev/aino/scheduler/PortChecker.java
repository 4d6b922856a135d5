package dev.aino.scheduler;

import dev.aino.model.NetworkMode;
import dev.aino.model.PortSpec;
import dev.aino.model.Protocol;
import dev.aino.model.Rejections;

/**
 * Rejects nodes that cannot give the request its network: bridge asked of a runtime without it, a
 * static host port another instance holds ({@code port 8080 in use}), or too few free ports in the
 * dynamic range.
 */
final class PortChecker implements FeasibilityChecker {
  @Override
  public String reject(NodeView node, PlacementRequest request) {
    NetworkMode mode = node.networkFor(request);
    if (mode == null) {
      return Rejections.NO_BRIDGE_NETWORK;
    }
    int dynamicTcp = 0;
    int dynamicUdp = 0;
    for (PortSpec p : request.ports()) {
      Integer host = HostPorts.staticPort(p, mode);
      if (host == null) {
        if (p.protocol() == Protocol.UDP) {
          dynamicUdp++;
        } else {
          dynamicTcp++;
        }
      } else if (node.portInUse(p.protocol(), host)) {
        return Rejections.portInUse(p.protocol(), host);
      }
    }
    if ((dynamicTcp > 0 && node.freeDynamicPorts(Protocol.TCP, dynamicTcp) < dynamicTcp)
        || (dynamicUdp > 0 && node.freeDynamicPorts(Protocol.UDP, dynamicUdp) < dynamicUdp)) {
      return Rejections.NO_FREE_DYNAMIC_PORT;
    }
    return null;
  }
}
