package dev.aino.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aino.api.InstanceUsage;
import dev.aino.error.FailedPreconditionException;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Workload;
import dev.aino.runtime.simulated.SimulatedRuntime;
import dev.aino.runtime.simulated.SimulationConfig;
import dev.aino.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent's usage samples: a window that slides with the clock, one baseline before it. */
class NodeAgentUsageTest {
  private static final long MIB = 1024L * 1024;

  private final MutableClock clock = new MutableClock(Instant.now());
  private AgentHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private AgentHarness start() {
    harness =
        AgentHarness.start(
            new SimulatedRuntime(
                SimulationConfig.builder().clock(clock).cpuMillis(10).memoryMiB(16).build()),
            AgentHarness.fastConfig()
                .statsInterval(Duration.ofHours(1)) // the test samples as it moves the clock
                .usageWindow(Duration.ofSeconds(30))
                .build(),
            clock);
    return harness;
  }

  @Test
  void usageAveragesTheLastWindowFromABaselineAtItsStart() {
    AgentHarness h = start();
    Workload w =
        h.workload(
            "web",
            AgentHarness.spec("sh", "-c", "load cpu=100m; sleep 20; load cpu=400m memory=32Mi")
                .build());
    Instance running = h.awaitPhase(h.schedule(w, "a").id(), InstancePhase.RUNNING);

    h.agent.sampleUsage();
    clock.advance(Duration.ofSeconds(10));
    h.agent.sampleUsage();
    InstanceUsage early = h.agent.usageSource().usage(running);
    assertThat(early.cpuMillis()).isEqualTo(100);
    assertThat(early.memoryBytes()).isEqualTo(16 * MIB);
    assertThat(early.window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(early.samples()).isEqualTo(2);

    for (int i = 0; i < 4; i++) { // at 20, 30, 40 and 50 s
      clock.advance(Duration.ofSeconds(10));
      h.agent.sampleUsage();
    }
    InstanceUsage late = h.agent.usageSource().usage(running);
    assertThat(late.window())
        .as("the window reaches back 30 s, to the sample at 20 s")
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(late.cpuMillis()).isEqualTo(400);
    assertThat(late.cpuPercent()).isEqualTo(400); // of the default 100m request
    assertThat(late.memoryBytes()).isEqualTo(32 * MIB);
    assertThat(late.memoryPercent()).isEqualTo(50);
    assertThat(late.samples()).isEqualTo(4);
  }

  @Test
  void anInstanceWithoutAContainerHereHasNoUsage() {
    AgentHarness h = start();
    Workload w = h.workload("job", AgentHarness.spec("sleep", "infinity").build());
    Instance elsewhere = AgentHarness.placed(w, "b", "node-z");

    assertThatThrownBy(() -> h.agent.usageSource().usage(elsewhere))
        .isInstanceOf(FailedPreconditionException.class)
        .hasMessageContaining("job-b")
        .hasMessageContaining("has no container on node " + AgentHarness.NODE);
  }
}
