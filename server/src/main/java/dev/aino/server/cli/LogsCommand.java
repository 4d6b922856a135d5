package dev.aino.server.cli;

import dev.aino.api.InstanceLogs;
import dev.aino.api.LogSince;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.NotFoundException;
import dev.aino.error.ValidationException;
import dev.aino.model.Instance;
import dev.aino.model.RuntimeInfo;
import dev.aino.runtime.LogQuery;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.server.client.AinoClient;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code aino logs NAME}: what an instance's container wrote, or with a workload's name what all of
 * its instances wrote, each line prefixed by its instance (as {@code docker compose logs} does).
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print the output of an instance, or of every started instance of a workload.",
      "",
      "Lines the container wrote to stderr go to stderr. With a workload, each line starts with"
          + " its instance's id, and lines of different instances are merged by time. Works for"
          + " instances on any node of the cluster.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aino logs web-x7k2p                 everything (up to 1 MiB) of one instance",
      "  aino logs web-x7k2p --tail 20 -f    its last 20 lines, then new ones as they come",
      "  aino logs web --since 10m           the last ten minutes of every instance of 'web'",
      "  aino logs web -f --tail 5           follow 'web', and each replica that starts later",
      "  aino logs web --since 2026-05-01T12:00:00Z --timestamps"
    })
final class LogsCommand extends ServerCommand {
  @Parameters(
      paramLabel = "INSTANCE|WORKLOAD",
      description = "An instance id (as 'aino ps' lists it) or a workload's name.")
  private String name;

  @Option(
      names = "--tail",
      paramLabel = "N",
      description = "Only the last N lines (of each instance). Default: all.")
  private Integer tail;

  @Option(
      names = "--since",
      paramLabel = "AGE|TIME",
      description = "Only lines written since then: an age (90s, 10m, 2h, 1d) or RFC 3339 time.")
  private String since;

  @Option(
      names = {"-f", "--follow"},
      description =
          "Keep printing new lines until the container ends or Ctrl-C. For a workload, also"
              + " follows instances that start meanwhile, until none is left running.")
  private boolean follow;

  @Option(names = "--timestamps", description = "Start each line with the time it was written.")
  private boolean timestamps;

  LogsCommand(CliContext context) {
    super(context);
  }

  @Override
  int run(AinoClient client) {
    LogQuery query = query();
    Instance instance = instanceNamed(client);
    if (instance != null) {
      LogPrinter printer = new LogPrinter(out(), err(), timestamps, null);
      int exitCode =
          follow
              ? printer.follow(client, instance.id(), query)
              : printOne(client, instance, query, printer);
      if (!printer.printedAny() && unfiltered()) {
        explainSimulated(client, List.of(instance));
      }
      return exitCode;
    }
    List<Instance> instances = client.instances(name, null, null);
    if (instances.isEmpty()) {
      requireWorkload(client);
      err().println("workload " + name + " has no instances.");
      return 0;
    }
    WorkloadLogs logs = new WorkloadLogs(client, name, instances, out(), err(), timestamps);
    int exitCode = logs.print(query, follow);
    if (!logs.printedAny() && unfiltered()) {
      explainSimulated(client, instances);
    }
    return exitCode;
  }

  /** Neither --tail nor --since could have left every line out, and a table was asked for. */
  private boolean unfiltered() {
    return tail == null && since == null && output().isTable();
  }

  /**
   * Says so when nothing was printed because the instances run on the simulated runtime, which
   * starts no process: an empty answer with exit code 0 looked like a program that writes nothing.
   */
  private void explainSimulated(AinoClient client, List<Instance> instances) {
    Set<String> simulatedNodes = new TreeSet<>();
    for (Instance i : instances) {
      if (i.node() == null || simulatedNodes.contains(i.node())) {
        continue;
      }
      RuntimeInfo runtime = client.node(i.node()).node().runtime();
      if (runtime != null && SimulatedRuntime.NAME.equals(runtime.name())) {
        simulatedNodes.add(i.node());
      }
    }
    if (!simulatedNodes.isEmpty()) {
      err()
          .println(
              "(no output: node "
                  + String.join(", ", simulatedNodes)
                  + " runs the simulated runtime, which starts no process; its containers write"
                  + " only what 'echo' commands in the workload's command line say)");
    }
  }

  private int printOne(AinoClient client, Instance instance, LogQuery query, LogPrinter printer) {
    InstanceLogs logs = client.logs(instance.id(), query);
    if (printStructured(logs)) {
      return 0;
    }
    logs.lines().forEach(printer::print);
    if (logs.truncated() && tail == null) {
      err()
          .println(
              "(older lines left out: the answer is limited to "
                  + LogQuery.DEFAULT_MAX_BYTES / 1024
                  + " KiB; narrow it with --tail or --since)");
    }
    printer.flush();
    return 0;
  }

  private LogQuery query() {
    if (tail != null && tail < 0) {
      throw new ValidationException("--tail", "must be 0 or more, got " + tail);
    }
    return new LogQuery(tail, LogSince.parse("--since", since, now()), LogQuery.DEFAULT_MAX_BYTES);
  }

  /** The instance {@code name} names, or null when it names none (it may be a workload). */
  private Instance instanceNamed(AinoClient client) {
    if (name.lastIndexOf('-') <= 0) {
      return null; // not <workload>-<suffix>: cannot be an instance id
    }
    try {
      return client.instance(name);
    } catch (AinoException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
        return null;
      }
      throw e;
    }
  }

  private void requireWorkload(AinoClient client) {
    try {
      client.workload(name);
    } catch (AinoException e) {
      if (e.code() == ErrorCode.NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
        throw new NotFoundException(
            "no instance or workload named \"" + name + "\" ('aino ps' lists instances)");
      }
      throw e;
    }
  }
}
