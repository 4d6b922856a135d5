/**
 * The autoscaler: a loop on the control plane that reads the CPU and memory use of every autoscaled
 * workload's running instances (through {@link dev.aino.api.InstanceUsageSource}, so instances on
 * other nodes are read from their servers) and moves the workload's replica count as Kubernetes'
 * HorizontalPodAutoscaler does ({@link dev.aino.autoscale.ScaleRecommender}): up at once, down only
 * once a stabilization window has passed, every change an {@code Autoscaled} event that says why.
 */
package dev.aino.autoscale;
