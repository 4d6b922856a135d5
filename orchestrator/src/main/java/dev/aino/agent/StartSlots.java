package dev.aino.agent;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The node's limit on container starts at once ({@link AgentConfig#parallelStarts}). Fair: starts
 * get a slot in the order they asked for one, so the replicas of a burst come up in order and none
 * waits behind later ones.
 */
final class StartSlots {
  private final Semaphore slots;
  private final int count;

  StartSlots(int count) {
    this.slots = new Semaphore(count, true);
    this.count = count;
  }

  /** How many starts may run at once. */
  int count() {
    return count;
  }

  /**
   * Takes a slot if one is free now and no start that asked earlier still waits for one.
   *
   * @throws InterruptedException when the agent is stopping
   */
  boolean tryTake() throws InterruptedException {
    return slots.tryAcquire(0, TimeUnit.NANOSECONDS); // unlike tryAcquire(), keeps the order
  }

  /**
   * Waits for a slot.
   *
   * @throws InterruptedException when the agent stopped while this start waited; it has no slot
   */
  void take() throws InterruptedException {
    slots.acquire();
  }

  /** Gives back a slot taken by {@link #tryTake} or {@link #take}. */
  void give() {
    slots.release();
  }
}
