/**
 * The state-store benchmark ({@code aino-bench.jar store}): conditional writes, batched writes,
 * listing and watch delivery through aino's {@link dev.aino.store.StateStore} on each backend,
 * beside the same operations on the bare client below it (jetcd, JDBC) measured in the same run, in
 * alternating rounds ({@code BackendBench}) so that both sides see the same drift.
 *
 * <p>Measurements ({@code ConditionalWrites}, {@code BatchWrites}, {@code Listing}, {@code
 * WatchLatency}) run against targets ({@link dev.aino.bench.store.WriteTarget}, {@link
 * dev.aino.bench.store.ReadTarget}): {@code AinoTarget} over any store, {@code BareEtcdTarget} and
 * {@code BareSqliteTarget} as baselines.
 */
package dev.aino.bench.store;
