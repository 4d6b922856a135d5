package dev.aino.server.cli;

import dev.aino.server.StoreBackend;
import picocli.CommandLine;

/** Reads {@code --store}'s lower-case names. */
final class StoreBackendConverter implements CommandLine.ITypeConverter<StoreBackend> {
  @Override
  public StoreBackend convert(String value) {
    return StoreBackend.fromId(value);
  }
}
