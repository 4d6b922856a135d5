package dev.aino.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.RuntimeFailureException;
import dev.aino.image.ImageConfig;
import dev.aino.model.ImageReference;
import dev.aino.model.NetworkMode;
import dev.aino.model.Resources;
import dev.aino.runtime.ContainerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciSpecGeneratorTest {
  private static final ImageConfig IMAGE =
      new ImageConfig(
          List.of("/app"),
          List.of("--serve"),
          List.of("PATH=/opt/bin", "MODE=image", "KEEP=1"),
          "/srv",
          "app");

  private final OciSpecGenerator generator = new OciSpecGenerator(512, List.of("/etc/resolv.conf"));

  @Test
  void theProcessComesFromTheImageOverlaidByTheSpec() {
    JsonNode process = generate(spec(List.of(), List.of(), Map.of("MODE", "spec"))).get("process");

    assertThat(strings(process.get("args"))).containsExactly("/app", "--serve");
    assertThat(strings(process.get("env")))
        .containsExactly("PATH=/opt/bin", "MODE=spec", "KEEP=1", "HOSTNAME=web-abc12");
    assertThat(process.get("cwd").asText()).isEqualTo("/srv");
    assertThat(process.get("user").get("uid").asLong()).isEqualTo(1000);
    assertThat(process.get("user").get("gid").asLong()).isEqualTo(1001);
    assertThat(process.get("terminal").asBoolean()).isFalse();
    assertThat(process.get("noNewPrivileges").asBoolean()).isTrue();
  }

  @Test
  void aCommandReplacesTheEntrypointAndCmdAndArgsReplaceTheCmd() {
    assertThat(strings(generate(spec(List.of("/bin/sh"), List.of(), Map.of())).at("/process/args")))
        .containsExactly("/bin/sh");
    assertThat(strings(generate(spec(List.of(), List.of("--debug"), Map.of())).at("/process/args")))
        .containsExactly("/app", "--debug");
  }

  @Test
  void aDefaultPathIsAddedWhenTheImageHasNone() {
    List<String> env =
        OciSpecGenerator.environment(ImageConfig.EMPTY, Map.of("A", "b"), "web-abc12");

    assertThat(env)
        .containsExactly("A=b", "PATH=" + OciSpecGenerator.DEFAULT_PATH, "HOSTNAME=web-abc12");
  }

  @Test
  void limitsComeFromTheResources() {
    JsonNode resources = generate(spec(List.of(), List.of(), Map.of())).at("/linux/resources");

    assertThat(resources.at("/memory/limit").asLong()).isEqualTo(96L * 1024 * 1024);
    assertThat(resources.at("/cpu/quota").asLong()).isEqualTo(25_000);
    assertThat(resources.at("/cpu/period").asLong()).isEqualTo(100_000);
    assertThat(resources.at("/cpu/shares").asLong()).isEqualTo(256);
    assertThat(resources.at("/pids/limit").asLong()).isEqualTo(512);
    assertThat(resources.at("/devices/0/allow").asBoolean()).isFalse();
    assertThat(resources.at("/devices/0/access").asText()).isEqualTo("rwm");
  }

  @Test
  void isolationIsDockersDefaultWithTheHostNetwork() {
    JsonNode config = generate(spec(List.of(), List.of(), Map.of()));

    List<String> namespaces = new ArrayList<>();
    config.at("/linux/namespaces").forEach(n -> namespaces.add(n.get("type").asText()));
    assertThat(namespaces).containsExactlyInAnyOrder("pid", "ipc", "uts", "mount");
    JsonNode capabilities = config.at("/process/capabilities");
    for (String set : List.of("bounding", "effective", "permitted")) {
      assertThat(strings(capabilities.get(set)))
          .hasSize(14)
          .contains("CAP_CHOWN", "CAP_NET_BIND_SERVICE", "CAP_KILL", "CAP_AUDIT_WRITE")
          .doesNotContain("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
    }
    assertThat(capabilities.has("inheritable")).isFalse();
    assertThat(capabilities.has("ambient")).isFalse();
    assertThat(strings(config.at("/linux/maskedPaths")))
        .contains("/proc/kcore", "/proc/keys", "/sys/firmware");
    assertThat(strings(config.at("/linux/readonlyPaths")))
        .contains("/proc/sys", "/proc/sysrq-trigger");
    assertThat(config.at("/linux/cgroupsPath").asText()).isEqualTo("/aino/web-abc12-0123abcd");
    assertThat(config.get("hostname").asText()).isEqualTo("web-abc12");
    assertThat(config.at("/root/path").asText()).isEqualTo("rootfs");
  }

  @Test
  void theStandardMountsArePresentAndSysIsReadOnly() {
    JsonNode mounts = generate(spec(List.of(), List.of(), Map.of())).get("mounts");

    List<String> destinations = new ArrayList<>();
    mounts.forEach(m -> destinations.add(m.get("destination").asText()));
    assertThat(destinations)
        .containsExactly(
            "/proc",
            "/dev",
            "/dev/pts",
            "/dev/shm",
            "/dev/mqueue",
            "/sys",
            "/sys/fs/cgroup",
            "/etc/resolv.conf");
    assertThat(strings(mounts.get(5).get("options"))).contains("ro");
    assertThat(strings(mounts.get(7).get("options"))).containsExactly("rbind", "ro");
  }

  @Test
  void nothingToRunFailsNamingTheInstanceAndImage() {
    ContainerSpec spec = spec(List.of(), List.of(), Map.of());

    assertThatThrownBy(() -> generator.generate(spec, ImageConfig.EMPTY, ImageUser.ROOT, "/aino/x"))
        .isInstanceOf(RuntimeFailureException.class)
        .hasMessageContaining("web-abc12")
        .hasMessageContaining("neither entrypoint nor cmd");
  }

  @Test
  void withInitAinoInitIsPid1RunningTheProgramAndMountedReadOnly() {
    ContainerSpec plain = spec(List.of(), List.of(), Map.of());
    ContainerSpec spec =
        new ContainerSpec(
            plain.instanceId(),
            plain.workload(),
            plain.image(),
            plain.command(),
            plain.args(),
            plain.env(),
            plain.resources(),
            plain.hostname(),
            0,
            true,
            NetworkMode.HOST,
            List.of());
    Path binary = Path.of("/var/lib/aino/bin/aino-init-0123");

    JsonNode config =
        generator.generate(spec, IMAGE, ImageUser.ROOT, "/aino/web-abc12-0123abcd", binary, null);

    assertThat(strings(config.at("/process/args")))
        .containsExactly(InitBinary.CONTAINER_PATH, "/app", "--serve");
    JsonNode mounts = config.get("mounts");
    JsonNode init = mounts.get(mounts.size() - 1);
    assertThat(init.get("destination").asText()).isEqualTo(InitBinary.CONTAINER_PATH);
    assertThat(init.get("source").asText()).isEqualTo(binary.toString());
    assertThat(strings(init.get("options"))).contains("bind", "ro");
    assertThat(strings(generate(plain).at("/process/args"))).containsExactly("/app", "--serve");
    assertThat(generate(plain).get("mounts")).hasSize(mounts.size() - 1);
    assertThatThrownBy(() -> generator.generate(spec, IMAGE, ImageUser.ROOT, "/aino/x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private JsonNode generate(ContainerSpec spec) {
    return generator.generate(spec, IMAGE, new ImageUser(1000, 1001), "/aino/web-abc12-0123abcd");
  }

  private static ContainerSpec spec(
      List<String> command, List<String> args, Map<String, String> env) {
    return new ContainerSpec(
        "web-abc12",
        "web",
        ImageReference.parse("image", "registry.local/app:1"),
        command,
        args,
        env,
        Resources.of(250, 96),
        null,
        0,
        false,
        NetworkMode.HOST,
        List.of());
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
