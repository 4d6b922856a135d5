/**
 * The process driver: workloads as plain host processes, like Nomad's raw_exec, for hosts without
 * an OCI runtime. It isolates nothing and says so ({@code isolating=false} in its fingerprint, a
 * warning when opened, a line per start): images are ignored, limits are not enforced, the process
 * runs as the agent's user in {@code <data dir>/process/<instance-id>/work} with a clean
 * environment (the agent's PATH, HOME, the workload's variables).
 *
 * <p>It shares the OCI driver's design where they overlap ({@link dev.aino.runtime.host}): output
 * to O_APPEND files collected by one thread per driver, the exit code from {@link
 * java.lang.Process#onExit} persisted to {@code exit.json}, recovery by pid plus start time from
 * {@code process.json}, and an exit code reported as unknown ({@code ExitedWhileAgentDown}, {@code
 * ExitCodeUnknown}) rather than invented when the process ended without this agent as its parent.
 *
 * <p>Stop sends SIGTERM to the process, waits the grace period, then SIGKILLs it and every
 * descendant seen; descendants it leaves behind are killed once it has ended. Descendants are
 * tracked by looking at the process tree every log poll: one that escaped before that (a daemon
 * that double-forks at once) escapes the driver, as it would raw_exec without cgroups.
 */
package dev.aino.runtime.process;
