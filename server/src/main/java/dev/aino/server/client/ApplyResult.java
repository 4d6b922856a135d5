package dev.aino.server.client;

import dev.aino.api.WorkloadStatus;
import dev.aino.server.rest.ApplyAction;

/**
 * What {@code POST /api/v1/workloads} answered.
 *
 * @param action created, configured or unchanged
 * @param status the workload as stored, with its status
 */
public record ApplyResult(ApplyAction action, WorkloadStatus status) {}
