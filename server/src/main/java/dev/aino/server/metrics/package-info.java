/**
 * Prometheus metrics at {@code /metrics}: {@link dev.aino.server.metrics.MicrometerMetrics}
 * implements the core's instrumentation SPI ({@link dev.aino.metrics.Metrics}) with Micrometer's
 * Prometheus registry, adds the JVM's metrics, and times every HTTP request by route template;
 * {@link dev.aino.server.metrics.MetricsEndpoint} serves the registry behind the request guard.
 *
 * <p>It lives in the server module rather than a module of its own: only the server wires the core
 * together and serves HTTP, and the implementation is three classes over one library; the core
 * never sees Micrometer.
 */
package dev.aino.server.metrics;
