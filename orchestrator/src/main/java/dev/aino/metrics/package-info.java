/**
 * Instrumentation SPI: the core reports what it does (placements, reconciles, store operations,
 * container starts, image pulls, restarts, autoscaler decisions) through {@link
 * dev.aino.metrics.Metrics}, whose methods do nothing by default, and keeps counts derived from
 * state ({@link dev.aino.metrics.ClusterCounts}) up to date from the watch feed. The core depends
 * on no metrics library; the server implements the interface with Micrometer and serves it at
 * {@code /metrics}. Names and label values are typed ({@link dev.aino.metrics.MetricNames} and the
 * enums here), so an implementation cannot invent a label with unbounded values.
 */
package dev.aino.metrics;
