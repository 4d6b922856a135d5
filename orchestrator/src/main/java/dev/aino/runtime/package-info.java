/**
 * The container runtime SPI, shaped like Nomad's driver plugins: one {@link
 * dev.aino.runtime.ContainerRuntime} interface with the lifecycle every driver has (fingerprint,
 * start, inspect, stop, destroy, stats, logs, recover, list), optional features as separate small
 * interfaces ({@link dev.aino.runtime.ExecCapable}), and the immutable records they exchange.
 *
 * <p>Drivers: {@code oci} (runc, youki, crun), {@code process} (plain host processes) and {@code
 * simulated} (no processes, for tests and benchmarks). Every driver passes the same contract test.
 * Failures are {@link dev.aino.error.RuntimeFailureException}s whose message names the operation
 * and the container.
 */
package dev.aino.runtime;
