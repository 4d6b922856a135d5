package dev.aino.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.error.ValidationErrors;
import dev.aino.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PortsTest {
  private static PortSpec tcp(String name, int containerPort, Integer hostPort) {
    return new PortSpec(name, containerPort, hostPort, Protocol.TCP);
  }

  /** The errors {@code ports} is refused with, as "field: reason" lines. */
  private static List<String> errors(List<PortSpec> ports, NetworkMode network) {
    ValidationErrors errors = new ValidationErrors();
    Ports.check("ports", ports, network, errors);
    try {
      errors.throwIfAny();
      return List.of();
    } catch (ValidationException e) {
      return e.errors().stream().map(f -> f.field() + ": " + f.reason()).toList();
    }
  }

  @Test
  void noPortsIsAnEmptyList() {
    ValidationErrors errors = new ValidationErrors();
    assertThat(Ports.check("ports", null, null, errors)).isEmpty();
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void distinctPortsPass() {
    List<PortSpec> ports =
        List.of(
            tcp("http", 80, 8080),
            tcp("admin", 81, null),
            new PortSpec("dns", 80, 8080, Protocol.UDP));
    ValidationErrors errors = new ValidationErrors();
    assertThat(Ports.check("ports", ports, NetworkMode.BRIDGE, errors)).isEqualTo(ports);
    assertThat(errors.isEmpty()).isTrue();
  }

  @Test
  void namesContainerPortsAndHostPortsAreUniquePerProtocol() {
    assertThat(
            errors(
                List.of(tcp("http", 80, 8080), tcp("http", 80, 8080), tcp("other", 81, 8080)),
                null))
        .containsExactly(
            "ports[1].name: duplicate port name \"http\"",
            "ports[1].containerPort: TCP 80 is already ports[0]",
            "ports[1].hostPort: TCP 8080 is already ports[0]",
            "ports[2].hostPort: TCP 8080 is already ports[0]");
  }

  @Test
  void withHostNetworkingTheHostPortIsTheContainerPort() {
    assertThat(errors(List.of(tcp("http", 80, 80)), NetworkMode.HOST)).isEmpty();
    assertThat(errors(List.of(tcp("http", 80, 8080)), NetworkMode.BRIDGE)).isEmpty();
    assertThat(errors(List.of(tcp("http", 80, 8080)), NetworkMode.HOST))
        .containsExactly(
            "ports[0].hostPort: must equal containerPort 80 with network HOST (the container"
                + " listens on the node's ports), got 8080");
  }

  @Test
  void aMissingPortIsNamedAndLeftOut() {
    List<PortSpec> ports = new ArrayList<>(Arrays.asList(tcp("http", 80, null), null));
    ValidationErrors errors = new ValidationErrors();
    assertThat(Ports.check("ports", ports, null, errors)).containsExactly(tcp("http", 80, null));
    assertThat(errors(ports, null)).containsExactly("ports[1]: is required");
  }

  @Test
  void atMost64Ports() {
    List<PortSpec> most =
        IntStream.range(0, Ports.MAX_PORTS).mapToObj(i -> tcp("p" + i, 1000 + i, null)).toList();
    assertThat(errors(most, null)).isEmpty();
    List<PortSpec> tooMany = new ArrayList<>(most);
    tooMany.add(tcp("p64", 2000, null));
    tooMany.add(null);
    ValidationErrors errors = new ValidationErrors();
    assertThat(Ports.check("ports", tooMany, null, errors)).hasSize(65);
    assertThat(errors(tooMany, null)).containsExactly("ports: at most 64 ports, got 66");
  }
}
