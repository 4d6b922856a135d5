package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.error.ValidationException;
import dev.aino.server.AinoVersion;
import dev.aino.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, version, and one clear line per mistake. */
class CliTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void helpSaysWhatAinoIsAndListsUp() {
    Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("container orchestrator", "Commands:", "up ", "Examples:", "aino up");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void helpListsTheVerbsThatTalkToAServer() {
    Run run = run("--help");

    for (String verb :
        List.of(
            "apply",
            "plan",
            "get",
            "ps",
            "describe",
            "scale",
            "delete",
            "restart",
            "cordon",
            "uncordon",
            "drain",
            "cluster")) {
      assertThat(run.out()).containsPattern("(?m)^ +" + verb + " ");
    }
    assertThat(run.out()).contains("AINO_SERVER", "AINO_TOKEN");
  }

  @Test
  void aVerbsHelpShowsTheServerOptionsAndExamples() {
    Run run = run("apply", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--filename", "--server", "--output", "Examples:");
  }

  @Test
  void versionNamesTheBuild() {
    Run run = run("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("aino " + AinoVersion.current());
    assertThat(AinoVersion.current()).isNotEqualTo("unknown");
  }

  @Test
  void upHelpListsEveryOptionWithAnExample() {
    Run run = run("up", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "--data-dir",
            "--port",
            "--bind",
            "--store",
            "--etcd-endpoints",
            "--etcd-user",
            "--etcd-password-file",
            "--token",
            "AINO_TOKEN",
            "--verbose",
            "Examples:");
  }

  @Test
  void helpCommandShowsASubcommandsHelp() {
    Run run = run("help", "up");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--store");
  }

  @Test
  void noCommandIsAUsageError() {
    Run run = run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("aino up");
  }

  @Test
  void mcpEmbeddedTakesTheLocalNodeOptionsOfUp() {
    Run run =
        run(
            "mcp",
            "--embedded",
            "--store",
            "memory",
            "--data-dir",
            tmp.toString(),
            "--runtime",
            "vm");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).contains("--runtime", "auto", "simulated", "\"vm\"");
  }

  @Test
  void anUnknownFlagIsOneLine() {
    Run run = run("up", "--bogus");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("aino: ").contains("--bogus", "aino up --help");
  }

  @Test
  void aPortThatIsNotANumberIsOneLine() {
    Run run = run("up", "--port", "http");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--port", "http");
  }

  @Test
  void aPortOutOfRangeIsOneLine() {
    Run run = run("up", "--store", "memory", "--data-dir", tmp.toString(), "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("aino: --port: must be <= 65535, got 70000");
  }

  @Test
  void parallelStartsOutOfRangeIsOneLine() {
    Run run =
        run("up", "--store", "memory", "--data-dir", tmp.toString(), "--parallel-starts", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("aino: --parallel-starts: must be > 0, got 0");
  }

  @Test
  void anUnknownToolsetListsTheKnownOnes() {
    Run run =
        run("up", "--store", "memory", "--data-dir", tmp.toString(), "--mcp-toolsets", "core,pods");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "aino: --mcp-toolsets: has no toolset \"pods\"; use core, nodes, logs, intents, network or"
                + " all, separated by commas");
  }

  @Test
  void mcpRefusesAnUnknownToolsetBeforeStartingAnything() {
    Run run = run("mcp", "--embedded", "--data-dir", tmp.toString(), "--toolsets", "everything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --toolsets: has no toolset");
    assertThat(tmp).isEmptyDirectory();
  }

  @Test
  void aBadAutoscaleStabilizationIsOneLine() {
    Run run =
        run(
            "up",
            "--store",
            "memory",
            "--data-dir",
            tmp.toString(),
            "--autoscale-stabilization",
            "5 minutes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .containsExactly(
            "aino: --autoscale-stabilization: must be a duration such as 500ms, 90s, 30m, 2h or 1d, got"
                + " \"5 minutes\"");
  }

  @Test
  void theAutoscaleStabilizationReachesTheSettings() {
    UpCommand up = new UpCommand(Map.of());
    new CommandLine(up).parseArgs("--autoscale-stabilization", "90s");
    assertThat(up.settings().autoscaler().stabilization()).isEqualTo(Duration.ofSeconds(90));
    UpCommand defaults = new UpCommand(Map.of());
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.settings().autoscaler().stabilization()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void theA2aTaskRetentionReachesTheSettingsWithinItsBounds() {
    UpCommand up = new UpCommand(Map.of());
    new CommandLine(up).parseArgs("--a2a-task-retention", "2h");
    assertThat(up.settings().a2a().retention()).isEqualTo(Duration.ofHours(2));
    UpCommand defaults = new UpCommand(Map.of());
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.settings().a2a().retention()).isEqualTo(Duration.ofHours(24));
    UpCommand tooShort = new UpCommand(Map.of());
    new CommandLine(tooShort).parseArgs("--a2a-task-retention", "10s");
    assertThatThrownBy(tooShort::settings)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("--a2a-task-retention");
  }

  @Test
  void pushAllowedHostsReachTheSettingsAndAUrlInsteadOfAHostIsRefused() {
    UpCommand up = new UpCommand(Map.of());
    new CommandLine(up)
        .parseArgs(
            "--a2a-push-allowed-host",
            "Hooks.Example.com",
            "--a2a-push-allowed-host",
            "127.0.0.1:9000",
            "--a2a-push-allowed-host",
            "[::1]:8080");
    assertThat(up.settings().a2a().push().allowedHosts())
        .extracting(Object::toString)
        .containsExactly("hooks.example.com", "127.0.0.1:9000", "[::1]:8080");
    UpCommand defaults = new UpCommand(Map.of());
    new CommandLine(defaults).parseArgs();
    assertThat(defaults.settings().a2a().push().enabled()).isFalse();
    for (String bad : List.of("http://hooks.example.com/x", "host:0", "a b", "")) {
      UpCommand wrong = new UpCommand(Map.of());
      new CommandLine(wrong).parseArgs("--a2a-push-allowed-host", bad);
      assertThatThrownBy(wrong::settings)
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("--a2a-push-allowed-host");
    }
  }

  @Test
  void anUnknownStoreListsTheKnownOnes() {
    Run run = run("up", "--store", "postgres");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .contains("--store", "sqlite, memory, etcd", "postgres");
  }

  @Test
  void nonLoopbackWithoutTokenIsRefused() {
    Run run = run("up", "--store", "memory", "--data-dir", tmp.toString(), "--bind", "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --bind: refusing to listen on 0.0.0.0 without a bearer token")
        .contains("--token", "AINO_TOKEN");
  }

  @Test
  void aShortTokenBeyondLoopbackIsOneLineNamingTheOption() {
    Run run =
        run(
            Map.of("AINO_TOKEN", "short"),
            "up",
            "--store",
            "memory",
            "--data-dir",
            tmp.toString(),
            "--bind",
            "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --token: must be at least 16 characters to listen on 0.0.0.0");
  }

  @Test
  void anUnusableDataDirectoryIsOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    Run run = run("up", "--store", "memory", "--port", "0", "--data-dir", file + "/aino");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --data-dir: cannot use " + file + "/aino");
  }

  @Test
  void anUnreachableEtcdIsOneLineNotAStackTrace() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    Run run =
        run(
            "up",
            "--store",
            "etcd",
            "--etcd-endpoints",
            "http://127.0.0.1:" + closedPort,
            "--port",
            "0",
            "--data-dir",
            tmp.toString(),
            "--runtime",
            "simulated");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.errLines()).singleElement().asString().contains("unavailable");
  }

  @Test
  void aPortInUseIsARuntimeFailureInOneLine() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String port = Integer.toString(taken.getLocalPort());

      Run run =
          run(
              "up",
              "--store",
              "memory",
              "--data-dir",
              tmp.toString(),
              "--port",
              port,
              "--runtime",
              "simulated");

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .startsWith("aino: cannot listen on 127.0.0.1:" + port + ": ");
    }
  }

  @Test
  void anEmptyTokenFlagIsRefused() {
    Run run = run("up", "--store", "memory", "--data-dir", tmp.toString(), "--token", "");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).containsExactly("aino: --token: must not be blank");
  }

  @Test
  void etcdOptionsNeedTheEtcdStore() {
    Run run = run("up", "--store", "memory", "--etcd-endpoints", "http://127.0.0.1:2379");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).singleElement().asString().contains("--store etcd");
  }

  @Test
  void aLeaderLeaseNeedsTheEtcdStoreAndASensibleDuration() {
    Run single =
        run("up", "--store", "memory", "--data-dir", tmp.toString(), "--leader-lease", "3s");
    assertThat(single.exitCode()).isEqualTo(2);
    assertThat(single.errLines())
        .containsExactly(
            "aino: --leader-lease: needs --store etcd: a single server has no leader to elect");

    Run tooShort =
        run("up", "--store", "etcd", "--data-dir", tmp.toString(), "--leader-lease", "500ms");
    assertThat(tooShort.exitCode()).isEqualTo(2);
    assertThat(tooShort.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --leader-lease: must be between 2s and");
  }

  @Test
  void gossipNeedsTheEtcdStoreATokenAndWellFormedSeeds() {
    Run memory =
        run(
            "up",
            "--store",
            "memory",
            "--data-dir",
            tmp.toString(),
            "--gossip-seed",
            "10.0.0.5:7071");
    assertThat(memory.exitCode()).isEqualTo(2);
    assertThat(memory.errLines())
        .containsExactly(
            "aino: --gossip-seed: needs --store etcd: gossip runs among the servers of one etcd"
                + " cluster");

    Run tokenless =
        run("up", "--store", "etcd", "--data-dir", tmp.toString(), "--gossip-port", "7071");
    assertThat(tokenless.exitCode()).isEqualTo(2);
    assertThat(tokenless.errLines())
        .containsExactly(
            "aino: --gossip-port: needs a token (--token or AINO_TOKEN): gossip is signed with a"
                + " key derived from it");

    Run badSeed =
        run(
            "up",
            "--store",
            "etcd",
            "--data-dir",
            tmp.toString(),
            "--token",
            "secret",
            "--gossip-seed",
            "nohost");
    assertThat(badSeed.exitCode()).isEqualTo(2);
    assertThat(badSeed.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --gossip-seed: must be HOST:PORT");

    Run graceAlone =
        run("up", "--store", "memory", "--data-dir", tmp.toString(), "--node-lost-grace", "5s");
    assertThat(graceAlone.exitCode()).isEqualTo(2);
    assertThat(graceAlone.errLines())
        .containsExactly("aino: --node-lost-grace: needs gossip: --gossip-port or --gossip-seed");
  }

  @Test
  void anEtcdTimeoutIsADurationForTheEtcdStore() {
    Run memory =
        run("up", "--store", "memory", "--data-dir", tmp.toString(), "--etcd-timeout", "9s");
    assertThat(memory.exitCode()).isEqualTo(2);
    assertThat(memory.errLines()).singleElement().asString().contains("--store etcd");

    Run words =
        run("up", "--store", "etcd", "--data-dir", tmp.toString(), "--etcd-timeout", "soon");
    assertThat(words.exitCode()).isEqualTo(2);
    assertThat(words.errLines())
        .singleElement()
        .asString()
        .startsWith("aino: --etcd-timeout: must be a duration");
  }

  @Test
  void verbosePrintsTheStackTrace() {
    Run run =
        run(
            "up",
            "--verbose",
            "--store",
            "memory",
            "--data-dir",
            tmp.toString(),
            "--bind",
            "0.0.0.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ValidationException", "\tat ");
  }
}
