package dev.aino.model;

/** How the scheduler ranks nodes that fit. */
public enum PlacementStrategy {
  /** Fill the fullest node that fits (Nomad's best-fit): fewer, busier hosts. */
  BINPACK,
  /** Prefer the emptiest node: failures hit fewer replicas. */
  SPREAD
}
