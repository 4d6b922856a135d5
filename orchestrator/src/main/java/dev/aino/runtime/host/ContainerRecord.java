package dev.aino.runtime.host;

/**
 * What a host driver writes into an instance's directory when it starts a container there, so that
 * {@link HostRuntime#list} and a restarted agent's adoption find it: which container it is, of
 * which instance. Each driver's record adds what it needs to take the container over.
 */
public interface ContainerRecord {
  /** The container's id, as in its handle. */
  String containerId();

  /** The instance it runs; also the name of the directory the record is in. */
  String instanceId();
}
