package dev.aino.mcp.tools;

import dev.aino.api.InstanceLogs;
import dev.aino.api.LogSince;
import dev.aino.api.OrchestratorService;
import dev.aino.mcp.tools.Outputs.Logs;
import dev.aino.mcp.tools.ToolSpec.Effect;
import dev.aino.mcp.tools.ToolSpec.Reply;
import dev.aino.mcp.tools.Views.LogLineView;
import dev.aino.runtime.LogQuery;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get_logs}: what an instance's container wrote, on any node of the cluster. */
public final class LogTools {
  private final OrchestratorService service;

  public LogTools(OrchestratorService service) {
    this.service = service;
  }

  /** The tool specs. */
  public List<ToolSpec<?>> specs() {
    return List.of(
        new ToolSpec<>(
            "get_logs",
            "Get instance logs",
            "The last lines an instance's container wrote (stdout and stderr, with times): why it"
                + " crashed, what it is doing. Returns the newest "
                + Inputs.LogRequest.DEFAULT_TAIL
                + " lines up to "
                + Inputs.LogRequest.DEFAULT_MAX_BYTES / 1024
                + " KiB unless tail_lines, max_bytes or since say otherwise; list_instances shows"
                + " the ids.",
            Inputs.LogRequest.class,
            Logs.class,
            Effect.READ,
            Toolset.LOGS,
            true,
            (ctx, in) -> read(in)));
  }

  /** The reply of get_logs for {@code in}; also what the logs resource serves. */
  Reply read(Inputs.LogRequest in) {
    LogQuery query =
        new LogQuery(
            in.tailLines(), LogSince.parse("since", in.since(), Instant.now()), in.maxBytes());
    InstanceLogs logs = service.logs(in.id(), query);
    List<LogLineView> lines =
        logs.lines().stream().map(LogLineView::of).collect(Collectors.toList());
    Logs out =
        new Logs(
            logs.instance(),
            logs.workload(),
            logs.node(),
            logs.containerId(),
            logs.restartCount(),
            lines,
            logs.truncated());
    return new Reply(out, summary(in, logs) + body(lines));
  }

  private static String summary(Inputs.LogRequest in, InstanceLogs logs) {
    StringBuilder sb =
        new StringBuilder()
            .append(logs.lines().size())
            .append(" line(s) of instance ")
            .append(logs.instance())
            .append(" on node ")
            .append(logs.node())
            .append(" (container ")
            .append(logs.containerId())
            .append(
                logs.restartCount() == 0 ? "" : ", after " + logs.restartCount() + " restart(s)")
            .append(").");
    if (logs.truncated()) {
      sb.append(" Older lines were left out (tail_lines ")
          .append(in.tailLines())
          .append(", max_bytes ")
          .append(in.maxBytes())
          .append("): call get_logs again with a larger tail_lines (at most ")
          .append(Inputs.LogRequest.MAX_TAIL)
          .append(") or max_bytes (at most ")
          .append(Inputs.LogRequest.MAX_BYTES)
          .append("), or with since to read from an earlier time.");
    }
    return sb.toString();
  }

  private static String body(List<LogLineView> lines) {
    return lines.isEmpty()
        ? ""
        : "\n" + lines.stream().map(LogLineView::display).collect(Collectors.joining("\n"));
  }
}
