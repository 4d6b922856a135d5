package dev.aino.server.cli;

import dev.aino.server.AinoVersion;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code aino}: the top-level command; its work is done by subcommands: {@code up} runs a server,
 * the others ({@code apply}, {@code get}, ...) talk to one.
 */
@Command(
    name = "aino",
    mixinStandardHelpOptions = true,
    versionProvider = AinoCommand.Version.class,
    description = {
      "aino is an AI-native container orchestrator. You, or an AI agent, declare workloads"
          + " (an image, CPU and memory, a replica count); aino places them on nodes, runs them"
          + " with an OCI runtime, restarts and scales them, and records why it did what it did.",
      "People use this command and the REST API, agents use MCP, all on one port."
    },
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino up                           start a server on http://127.0.0.1:7070",
      "  aino up --store memory --port 0   a throwaway server on a free port",
      "  aino apply -f examples/web.yaml   declare a workload (in another terminal)",
      "  aino get workloads                how it is doing",
      "  aino ps                           its instances",
      "  aino up --help                    every option of 'up'",
      "",
      "The commands that talk to a server find it at --server, else $AINO_SERVER, else"
          + " http://127.0.0.1:7070, and send $AINO_TOKEN as the bearer token when it is set."
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
    return commandLine(env, System.in, out, err);
  }

  /** The whole command line, with {@code stdin} as standard input (for {@code apply -f -}). */
  public static CommandLine commandLine(
      Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err) {
    return commandLine(env, stdin, out, err, null);
  }

  /**
   * The command line for running {@code verb}: with that subcommand only when it is one, else with
   * all of them. Picocli builds every subcommand's model up front, a few hundred milliseconds of a
   * start-up that {@code aino up} should not spend on the other fifteen.
   */
  public static CommandLine commandLine(
      Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err, String verb) {
    CliContext context = new CliContext(env, stdin, Clock.systemUTC());
    Map<String, Supplier<Object>> verbs = verbs(env, context);
    CommandLine cli = new CommandLine(new AinoCommand());
    Supplier<Object> only = verb == null ? null : verbs.get(verb);
    if (only != null) {
      cli.addSubcommand(only.get());
    } else {
      verbs.values().forEach(v -> cli.addSubcommand(v.get()));
      cli.addSubcommand(new CommandLine.HelpCommand());
    }
    CliErrors errors = new CliErrors();
    // Set after the subcommands are added, so they inherit these too.
    cli.setOut(out).setErr(err);
    cli.setHelpFactory(WordWrappingHelp::new);
    cli.setParameterExceptionHandler(errors).setExecutionExceptionHandler(errors);
    return cli;
  }

  /** Every subcommand by its name, in the order {@code aino --help} lists them. */
  static Map<String, Supplier<Object>> verbs(Map<String, String> env, CliContext context) {
    Map<String, Supplier<Object>> verbs = new LinkedHashMap<>();
    verbs.put("up", () -> new UpCommand(env));
    verbs.put("agent", () -> new AgentCommand(env));
    verbs.put("apply", () -> new ApplyCommand(context));
    verbs.put("plan", () -> new PlanCommand(context));
    verbs.put("get", () -> new GetCommand(context));
    verbs.put("ps", () -> new PsCommand(context));
    verbs.put("top", () -> new TopCommand(context));
    verbs.put("describe", () -> new DescribeCommand(context));
    verbs.put("scale", () -> new ScaleCommand(context));
    verbs.put("delete", () -> new DeleteCommand(context));
    verbs.put("logs", () -> new LogsCommand(context));
    verbs.put("watch", () -> new WatchCommand(context));
    verbs.put("restart", () -> new RestartCommand(context));
    verbs.put("cordon", () -> new CordonCommand(context));
    verbs.put("uncordon", () -> new UncordonCommand(context));
    verbs.put("drain", () -> new DrainCommand(context));
    verbs.put("cluster", () -> new ClusterCommand(context));
    verbs.put("intent", () -> new IntentCommand(context));
    verbs.put("mcp", () -> new McpCommand(env));
    verbs.put("token", () -> new TokenCommand(env));
    return verbs;
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
