package dev.aino.runtime;

/**
 * Hears once how a container ended; see {@link ContainerRuntime#onExit}. Called on a runtime thread
 * (or the registering one), so it must not block: the agent's only queues the instance for a sync.
 */
@FunctionalInterface
public interface ExitListener {
  /**
   * The container has ended: {@code end} {@link ContainerStatus#hasEnded() has ended}, as {@link
   * ContainerRuntime#inspect} reports it from now on (until it is destroyed).
   */
  void exited(ContainerStatus end);
}
