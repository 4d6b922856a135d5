/**
 * What the drivers that run real host processes ({@code oci} and {@code process}) share: the base
 * classes {@link dev.aino.runtime.host.HostRuntime} (container table, one directory per instance
 * with its {@link dev.aino.runtime.host.ContainerRecord}, list, lookup and adoption, stop, destroy,
 * exit events, logs, close) and {@link dev.aino.runtime.host.HostContainer} (status, exit
 * bookkeeping and announcement, unknown ends), the container id format ({@link
 * dev.aino.runtime.host.ContainerIds}, parsed in one place), container logs on disk and the one
 * thread that collects them, the persisted exit record, the stop sequence, {@code /proc} reading
 * and argv-only host commands.
 *
 * <p><b>Logs.</b> A container's stdout and stderr are files it inherited (O_APPEND), not pipes to
 * the agent: the container never blocks on, or dies with, the agent, and keeps logging across an
 * agent restart. A single {@link dev.aino.runtime.host.LogCollector} thread per driver reads what
 * each running container appended every poll interval (100 ms by default), stamps each line with
 * the time it was collected and stores it, rotated by size ({@link
 * dev.aino.runtime.host.ContainerLogFiles}, which ties together one job each: {@code RawOutput}
 * reads the raw files and keeps the offsets, {@code LineSplitter} cuts lines, {@code
 * RotatedLogFiles} stores and rotates, {@code LogFollowers} feeds followers). Queries collect
 * synchronously first, so a query never misses output already written. Cost per container: no
 * thread, two {@code stat}s per poll, and at most {@code files × fileBytes + rawBytes} per stream
 * on disk (21 MiB with the defaults).
 */
package dev.aino.runtime.host;
