package dev.aino.server.testing;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bridge and a subnet of one test's own for a server that runs real containers with bridge
 * networking: named after the test and the JVM's pid, so that two test classes (or two runs) never
 * share {@code aino0} with different subnets, and deleted when the test is done, so that nothing of
 * it stays on the host.
 */
public final class TestBridge implements AutoCloseable {
  private static final long PID = ProcessHandle.current().pid();

  private final String name;
  private final String cidr;

  /**
   * @param tag one letter or two telling the test apart (the name must fit in 15 characters)
   * @param octet the second octet of the test's 10.x.0.0/16, different for each test class
   */
  public TestBridge(String tag, int octet) {
    this.name = "aino" + tag + (PID % 100_000);
    this.cidr = "10." + octet + ".0.0/16";
  }

  /** The {@code aino up} options that put the server's containers on this bridge. */
  public List<String> args() {
    return List.of("--network-bridge", name, "--network-cidr", cidr);
  }

  public String name() {
    return name;
  }

  public String cidr() {
    return cidr;
  }

  /** Deletes the bridge, if the server made it. */
  @Override
  public void close() throws IOException, InterruptedException {
    Process delete =
        new ProcessBuilder("ip", "link", "delete", name)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    delete.waitFor(10, TimeUnit.SECONDS);
  }
}
