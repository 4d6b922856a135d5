package dev.aino.server.rest;

import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.etcd.EtcdServer;
import java.nio.file.Path;

/** The change feed on a real etcd. */
class RestWatchEtcdTest extends WatchStreamContract {
  private EtcdServer etcd;

  @Override
  AinoServer start(Path dataDir) {
    etcd = new EtcdServer();
    etcd.start();
    return TestServer.start(
        dataDir,
        TOKENS,
        "--store",
        "etcd",
        "--etcd-endpoints",
        etcd.endpoint(),
        // A loaded build machine answers slower than the default 5 s allows.
        "--etcd-timeout",
        "30s");
  }

  @Override
  void stopStore() {
    if (etcd != null) {
      etcd.close();
    }
  }
}
