package dev.aino.agent;

import dev.aino.runtime.ContainerHandle;
import dev.aino.runtime.ContainerRuntime;
import dev.aino.runtime.ContainerSpec;
import java.util.concurrent.Semaphore;

/**
 * The node's limit on container starts at once ({@link AgentConfig#parallelStarts}). Fair: starts
 * get a slot in the order they asked for one, so the replicas of a burst come up in order and none
 * waits behind later ones.
 */
final class StartSlots {
  private final Semaphore slots;

  StartSlots(int count) {
    this.slots = new Semaphore(count, true);
  }

  /**
   * Starts {@code spec} on {@code runtime} once a slot is free, holding the slot until the runtime
   * returned.
   *
   * @throws InterruptedException when the agent stopped while this start waited for a slot; nothing
   *     was started then
   */
  ContainerHandle start(ContainerRuntime runtime, ContainerSpec spec) throws InterruptedException {
    slots.acquire();
    try {
      return runtime.start(spec);
    } finally {
      slots.release();
    }
  }
}
