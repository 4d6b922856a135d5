package dev.aino.bench;

import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.etcd.EtcdConfig;
import dev.aino.store.etcd.EtcdStateStore;
import dev.aino.store.memory.InMemoryStateStore;
import dev.aino.store.sqlite.SqliteStateStore;
import java.time.Duration;
import java.util.List;

/** Opens aino's stores for benchmarks, each fresh, in a {@link StoreSite}. */
public final class BenchStores {
  /** Benchmarks list 100,000s of objects in one call; the default 5 s is for interactive use. */
  private static final Duration ETCD_REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** The options {@link #open(Args, StoreSite, StoreOptions)} reads. */
  public static final List<String> OPTIONS = List.of("store");

  private BenchStores() {}

  /** The backend named by {@code --store} (default memory). */
  public static StateStore open(Args args, StoreSite site, StoreOptions options) {
    return open(args.text("store", "memory"), site, options);
  }

  /**
   * A new, empty store of {@code backend}: memory, sqlite (a new directory of the site) or etcd (a
   * new key namespace in the site's etcd).
   */
  public static StateStore open(String backend, StoreSite site, StoreOptions options) {
    switch (backend) {
      case "memory":
        return new InMemoryStateStore(options);
      case "sqlite":
        return SqliteStateStore.open(site.newDataDir("sqlite"), options);
      case "etcd":
        return new EtcdStateStore(
            EtcdConfig.of(site.etcdEndpoint())
                .withNamespace(site.newEtcdPrefix("aino"))
                .withRequestTimeout(ETCD_REQUEST_TIMEOUT),
            options);
      default:
        throw new IllegalArgumentException(
            "the store must be memory, sqlite or etcd, got " + backend);
    }
  }
}
