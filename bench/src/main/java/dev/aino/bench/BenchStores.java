package dev.aino.bench;

import dev.aino.store.StateStore;
import dev.aino.store.StoreOptions;
import dev.aino.store.memory.InMemoryStateStore;

/** Opens the store a benchmark asked for with {@code --store}. */
final class BenchStores {
  private BenchStores() {}

  static StateStore open(Args args, StoreOptions options) {
    String backend = args.text("store", "memory");
    switch (backend) {
      case "memory":
        return new InMemoryStateStore(options);
      default:
        throw new IllegalArgumentException(
            "--store must be memory, sqlite or etcd, got " + backend);
    }
  }
}
