package dev.aino.runtime;

/** A running {@link ContainerRuntime#followLogs}; closing it stops delivery. Idempotent. */
public interface LogSubscription extends AutoCloseable {
  @Override
  void close();
}
