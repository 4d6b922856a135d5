package dev.aino.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.api.InstanceFilter;
import dev.aino.model.Event;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.ObjectRef;
import dev.aino.model.WorkloadSpec;
import dev.aino.runtime.LogLine;
import dev.aino.runtime.LogQuery;
import dev.aino.server.testing.TestServer;
import dev.aino.testing.Await;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aino up} on SQLite restarted on the same data directory keeps everything: the workloads,
 * the instances, the events, and the running processes, which the new server adopts instead of
 * starting again (real host processes of the process runtime).
 */
class SqliteRestartTest {
  @TempDir Path dataDir;

  private AinoServer start() {
    return TestServer.start(dataDir, Map.of(), "--store", "sqlite", "--runtime", "process");
  }

  private static List<Instance> running(AinoServer server, int count) {
    return Await.value(
        count + " instance(s) of keep running",
        () -> {
          List<Instance> running =
              server.service().instances(InstanceFilter.ofWorkload("keep")).stream()
                  .filter(i -> i.phase() == InstancePhase.RUNNING)
                  .toList();
          return running.size() == count ? running : null;
        });
  }

  private static Set<String> describe(List<Instance> instances) {
    return instances.stream()
        .map(i -> i.id() + "/" + i.containerId() + "/" + i.restartCount())
        .collect(Collectors.toSet());
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aRestartKeepsWorkloadsInstancesEventsAndAdoptsTheRunningProcesses() {
    Set<String> before;
    List<Event> eventsBefore;
    try (AinoServer first = start()) {
      first
          .service()
          .apply(
              "keep",
              WorkloadSpec.builder("busybox")
                  .command("sh", "-c", "echo up; exec sleep 3600")
                  .replicas(2)
                  .build());
      List<Instance> instances = running(first, 2);
      before = describe(instances);
      for (Instance i : instances) {
        Await.until(
            i.id() + " to print",
            () ->
                first.service().logs(i.id(), LogQuery.all()).lines().stream()
                    .map(LogLine::text)
                    .toList()
                    .contains("up"));
      }
      eventsBefore = first.service().events(ObjectRef.workload("keep"));
      assertThat(eventsBefore).isNotEmpty();
    }

    try (AinoServer second = start()) {
      assertThat(second.service().workload("keep").workload().spec().replicas()).isEqualTo(2);
      List<Instance> after = running(second, 2);
      // The same instances in the same processes: adopted, neither restarted nor replaced.
      assertThat(describe(after)).isEqualTo(before);
      assertThat(second.service().events(ObjectRef.workload("keep")))
          .extracting(Event::message)
          .containsAll(eventsBefore.stream().map(Event::message).toList());
      for (Instance i : after) {
        assertThat(second.service().logs(i.id(), LogQuery.all()).lines())
            .extracting(LogLine::text)
            .containsExactly("up");
      }
      second.service().delete("keep");
      Await.until(
          "keep's processes to be stopped",
          () ->
              second.service().instances(InstanceFilter.ofWorkload("keep")).stream()
                  .allMatch(i -> i.phase().isTerminal()));
    }
  }
}
