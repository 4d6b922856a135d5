package dev.aino.store.spi;

/** A backend watch handle. */
public interface KvWatch extends AutoCloseable {
  @Override
  void close();
}
