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

  private Rejections() {}
}
