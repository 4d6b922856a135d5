package dev.aino.model;

/**
 * Why the scheduler rejects a node for an instance: the keys of a fit report's counts, phrased to
 * read after a count ({@code 0/5 nodes fit: 3 insufficient memory, 2 not ready}). One place for the
 * scheduler that writes them and the readers that act on them (the diagnosis), so that no reader
 * has to search a message's text.
 */
public final class Rejections {
  /** The node is not Ready (Suspect or Down). */
  public static final String NOT_READY = "not ready";

  /** The node is cordoned or being drained. */
  public static final String CORDONED = "cordoned";

  /** The node lacks a label of the workload's node selector. */
  public static final String NODE_SELECTOR_MISMATCH = "node selector mismatch";

  /** Too little free CPU on the node. */
  public static final String INSUFFICIENT_CPU = "insufficient cpu";

  /** Too little free memory on the node. */
  public static final String INSUFFICIENT_MEMORY = "insufficient memory";

  /** The workload asks for bridge networking and the node's runtime has none. */
  public static final String NO_BRIDGE_NETWORK = "no bridge networking";

  /** Every port of the node's dynamic range is taken. */
  public static final String NO_FREE_DYNAMIC_PORT = "no free dynamic port";

  private static final String PORT_IN_USE_PREFIX = "port ";
  private static final String PORT_IN_USE_SUFFIX = " in use";

  /** A static host port the workload asks for is held by another instance on the node. */
  public static String portInUse(Protocol protocol, int port) {
    return PORT_IN_USE_PREFIX
        + port
        + (protocol == Protocol.UDP ? "/udp" : "")
        + PORT_IN_USE_SUFFIX;
  }

  /** True for the reasons {@link #portInUse} makes. */
  public static boolean isPortInUse(String reason) {
    return reason != null
        && reason.startsWith(PORT_IN_USE_PREFIX)
        && reason.endsWith(PORT_IN_USE_SUFFIX);
  }

  private Rejections() {}
}
