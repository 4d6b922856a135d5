package dev.aino.server;

import dev.aino.error.ValidationException;
import dev.aino.model.Validate;
import java.nio.file.Path;

/**
 * Which state store {@code aino up} opens.
 *
 * @param backend the backend
 * @param dataDir the data directory; the SQLite backend keeps its file there
 * @param etcd how to reach etcd; present exactly when the backend is {@link StoreBackend#ETCD}
 */
public record StoreSettings(StoreBackend backend, Path dataDir, EtcdSettings etcd) {
  public StoreSettings {
    Validate.required("--store", backend);
    dataDir = Validate.required("--data-dir", dataDir).toAbsolutePath().normalize();
    if (backend == StoreBackend.ETCD && etcd == null) {
      etcd = new EtcdSettings(null, null, null);
    }
    if (backend != StoreBackend.ETCD && etcd != null) {
      throw new ValidationException("--store", "etcd settings only apply to --store etcd");
    }
  }

  /** The in-memory store, for tests. */
  public static StoreSettings memory(Path dataDir) {
    return new StoreSettings(StoreBackend.MEMORY, dataDir, null);
  }

  /** Where the state lives, for the start-up line: {@code sqlite in /var/lib/aino}. */
  public String describe() {
    switch (backend) {
      case MEMORY:
        return "memory";
      case ETCD:
        return "etcd at " + String.join(",", etcd.endpoints());
      default:
        return backend.id() + " in " + dataDir;
    }
  }
}
