package dev.aino.runtime.process;

import dev.aino.runtime.host.ContainerRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the process driver writes next to a process it started ({@code process.json}), so a
 * restarted agent can find it again: its pid plus start time (pids are reused), and what it runs.
 *
 * @param containerId the id in the handle
 * @param instanceId the instance it runs
 * @param pid its pid
 * @param startTicks its start time from {@code /proc/<pid>/stat}; with the pid, its identity
 * @param startedAt when it was started
 * @param argv its command line
 * @param env the environment it was given, which exec'd commands get too
 */
record ProcessRecord(
    String containerId,
    String instanceId,
    long pid,
    long startTicks,
    Instant startedAt,
    List<String> argv,
    Map<String, String> env)
    implements ContainerRecord {}
