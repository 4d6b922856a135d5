package dev.aino.runtime.oci;

import dev.aino.runtime.host.HostCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What of a test's containers' networking is still on the host, as a person would look: network
 * namespaces ({@code ip netns}), veths on the test's bridge ({@code ip link}), iptables rules
 * naming a container ({@code iptables-save}), and host-local leases (the lease files).
 *
 * @param bridge the test's own bridge
 * @param leaseDir the host-local lease directory of the test's network
 */
record NetworkLeftovers(String bridge, Path leaseDir) {

  /** Everything of {@code containerIds} still there, and every veth and lease of the bridge. */
  List<String> of(Collection<String> containerIds) throws IOException {
    List<String> found = new ArrayList<>(namedAfter(containerIds));
    found.addAll(veths());
    found.addAll(leases());
    return found;
  }

  /** The network namespaces and iptables rules that name one of {@code containerIds}. */
  List<String> namedAfter(Collection<String> containerIds) {
    List<String> found = new ArrayList<>();
    String namespaces = run("ip", "netns", "list");
    String rules = run("iptables-save");
    for (String id : containerIds) {
      if (namespaces.contains("aino-" + id)) {
        found.add("netns aino-" + id);
      }
      rules.lines().filter(l -> l.contains(id)).forEach(l -> found.add("iptables " + l));
    }
    return found;
  }

  /**
   * The iptables rules that name one address of {@code subnetPrefix} (e.g. {@code "10.158.248."})
   * as {@code <ip>/32}, as {@code <ip> <rule>}: the firewall plugin's rules name the container's
   * address only, not its id.
   */
  List<String> rulesOfAddresses(String subnetPrefix) {
    Pattern address = Pattern.compile(Pattern.quote(subnetPrefix) + "\\d{1,3}(?=/32)");
    List<String> found = new ArrayList<>();
    for (String rule : run("iptables-save").lines().toList()) {
      Matcher m = address.matcher(rule);
      if (m.find()) {
        found.add(m.group() + " " + rule);
      }
    }
    return found;
  }

  /** The interfaces enslaved to the bridge: one veth per container attached to it. */
  List<String> veths() {
    return run("ip", "-o", "link", "show", "master", bridge)
        .lines()
        .filter(l -> !l.isBlank())
        .map(l -> "link " + l)
        .toList();
  }

  /**
   * The addresses host-local holds, as {@code lease <ip>}: one file each, named after the address
   * (not its lock or its last-reserved marker).
   */
  List<String> leases() throws IOException {
    if (!Files.isDirectory(leaseDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(leaseDir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip"))
          .map(n -> "lease " + n)
          .toList();
    }
  }

  static String run(String... argv) {
    HostCommand.Result r =
        new HostCommand(Path.of(System.getProperty("java.io.tmpdir")))
            .run("checking the host", List.of(argv), Duration.ofSeconds(10));
    return r.stdout();
  }
}
