package dev.aino.api;

import dev.aino.model.Instance;
import dev.aino.model.Validate;
import dev.aino.runtime.LogChunk;
import dev.aino.runtime.LogLine;
import java.util.List;

/**
 * What an instance's container wrote, as {@link OrchestratorService#logs} answers it.
 *
 * @param instance the instance id
 * @param workload its workload
 * @param node the node its container runs on
 * @param containerId the container (run) the lines come from; a restart in place starts a new one,
 *     and while the instance waits to restart this is the container that ended last
 * @param restartCount how often the instance has been restarted so far
 * @param lines the selected lines, oldest first, each with its time and stream
 * @param truncated true when older matching lines were left out because of the query's {@code
 *     tailLines} or {@code maxBytes}
 */
public record InstanceLogs(
    String instance,
    String workload,
    String node,
    String containerId,
    int restartCount,
    List<LogLine> lines,
    boolean truncated) {
  public InstanceLogs {
    Validate.dnsLabel("instance", instance);
    Validate.dnsLabel("workload", workload);
    Validate.dnsLabel("node", node);
    containerId = Validate.text("containerId", containerId);
    Validate.range("restartCount", restartCount, 0, Integer.MAX_VALUE);
    Validate.required("lines", lines);
    lines = List.copyOf(lines);
  }

  /**
   * The lines of {@code chunk}, read from the container {@code containerId} of {@code instance}.
   */
  public static InstanceLogs of(Instance instance, String containerId, LogChunk chunk) {
    return new InstanceLogs(
        instance.id(),
        instance.workload(),
        instance.node(),
        containerId,
        instance.restartCount(),
        chunk.lines(),
        chunk.truncated());
  }
}
