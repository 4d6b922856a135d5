package dev.aino.server.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.AinoServer;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.etcd.EtcdServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aino up --store etcd --gossip-port N} without {@code --advertise-address} starts, its
 * gossip member announced at the default address (loopback), as the HTTP side already defaults. It
 * used to end at start with "begin 0, end -1, length 0": the gossip host was cut out of the empty
 * advertise address.
 */
class GossipWithoutAdvertiseAddressTest {
  @TempDir Path dataDir;

  @Test
  @Timeout(120)
  void startsWithTheDefaultAddressAndListensForGossip() throws IOException {
    int gossipPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      gossipPort = free.getLocalPort();
    }
    try (EtcdServer etcd = new EtcdServer()) {
      etcd.start();
      try (AinoServer server =
          TestServer.start(
              dataDir,
              Map.of("AINO_TOKEN", "gossip-default-address-token"),
              "--store",
              "etcd",
              "--etcd-endpoints",
              etcd.endpoint(),
              "--gossip-port",
              Integer.toString(gossipPort))) {
        assertThat(server.baseUri()).isNotNull();
        try (Socket gossip = new Socket()) {
          gossip.connect(new InetSocketAddress("127.0.0.1", gossipPort), 5_000);
          assertThat(gossip.isConnected()).isTrue();
        }
      }
    }
  }
}
