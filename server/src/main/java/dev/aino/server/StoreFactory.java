package dev.aino.server;

import dev.aino.error.AinoException;
import dev.aino.error.UnavailableException;
import dev.aino.error.ValidationException;
import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdStateStore;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.store.sqlite.SqliteStateStore;

/**
 * The one place that turns {@link StoreSettings} into an open {@link StateStore}.
 *
 * <p>Each backend is one {@code case}.
 */
public final class StoreFactory {
  private StoreFactory() {}

  /**
   * Opens the store the settings name.
   *
   * @throws ValidationException when the backend is not built into this version
   * @throws AinoException when the store cannot be opened, e.g. {@code UNAVAILABLE}
   */
  public static StateStore open(StoreSettings settings, StoreOptions options) {
    try {
      return switch (settings.backend()) {
        case MEMORY -> new InMemoryStateStore(options);
        case SQLITE -> SqliteStateStore.open(settings.dataDir(), options);
        case ETCD -> new EtcdStateStore(etcdConfig(settings.etcd()), options);
      };
    } catch (AinoException e) {
      throw e;
    } catch (RuntimeException e) {
      // A driver's own exception (JDBC, gRPC) says what broke but not which store.
      throw new UnavailableException(
          "cannot open the store (" + settings.describe() + "): " + e.getMessage(), e);
    }
  }

  private static EtcdConfig etcdConfig(EtcdSettings etcd) {
    EtcdSettings given = etcd == null ? new EtcdSettings(null, null, null) : etcd;
    EtcdConfig config = EtcdConfig.of(given.endpoints().toArray(String[]::new));
    if (given.requestTimeout() != null) {
      config = config.withRequestTimeout(given.requestTimeout());
    }
    return given.user() == null ? config : config.withCredentials(given.user(), given.password());
  }
}
