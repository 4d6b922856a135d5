package dev.aino.server.cli;

import dev.aino.server.AinoVersion;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code aino}: the top-level command; its work is done by subcommands such as {@code up}. */
@Command(
    name = "aino",
    mixinStandardHelpOptions = true,
    versionProvider = AinoCommand.Version.class,
    description = {
      "aino is an AI-native container orchestrator. You, or an AI agent, declare workloads"
          + " (an image, CPU and memory, a replica count); aino places them on nodes, runs them"
          + " with an OCI runtime, restarts and scales them, and records why it did what it did.",
      "People use the REST API and web console, agents use MCP and A2A, all on one port."
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino up                           start a server on http://127.0.0.1:7070",
      "  aino up --store memory --port 0   a throwaway server on a free port",
      "  curl http://127.0.0.1:7070/healthz",
      "  aino up --help                    every option of 'up'"
    })
public final class AinoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  // Read from the parse result by CliErrors; declared here so every subcommand accepts it.
  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "On error, print the stack trace too.")
  private boolean verbose;

  /**
   * The whole command line, writing to {@code out} and {@code err}, reading defaults such as {@code
   * AINO_TOKEN} from {@code env}.
   */
  public static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new AinoCommand());
    cli.addSubcommand(new UpCommand(env));
    cli.addSubcommand(new McpCommand(env));
    cli.addSubcommand(new CommandLine.HelpCommand());
    CliErrors errors = new CliErrors();
    // Set after the subcommands are added, so they inherit these too.
    cli.setOut(out).setErr(err);
    cli.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    return cli;
  }

  /** {@code aino} alone: a usage error; show what there is to run. */
  @Override
  public Integer call() {
    CommandLine cli = spec.commandLine();
    cli.getErr().println("aino: name a command, e.g. 'aino up'");
    cli.usage(cli.getErr());
    return spec.exitCodeOnInvalidInput();
  }

  /** {@code aino --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "aino " + AinoVersion.current(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
