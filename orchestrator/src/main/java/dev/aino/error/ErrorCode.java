package dev.aino.error;

/**
 * The one list of failure kinds that every adapter maps to its protocol (HTTP status, JSON-RPC
 * code, MCP {@code isError}) in exactly one place.
 */
public enum ErrorCode {
  /** The request itself is wrong; retrying it unchanged will fail again. */
  INVALID_ARGUMENT,
  /** The named object does not exist. */
  NOT_FOUND,
  /** An object with that name exists already. */
  ALREADY_EXISTS,
  /** The object changed since the caller read it (compare-and-swap lost). */
  CONFLICT,
  /**
   * The object is not in a state that allows the request yet (logs of an instance that has not
   * started); retrying once its state changed may succeed.
   */
  FAILED_PRECONDITION,
  /**
   * The workload is managed strictly by another caller; the change was refused, and carrying {@code
   * force} would make it.
   */
  OWNED_BY_ANOTHER,
  /** No node can take the work right now. */
  UNSCHEDULABLE,
  /** The container runtime failed. */
  RUNTIME_FAILURE,
  /** A dependency (store, runtime, registry) is unreachable; retrying later may succeed. */
  UNAVAILABLE,
  /** No or wrong credentials. */
  UNAUTHENTICATED,
  /** Credentials are fine but the action is not allowed. */
  PERMISSION_DENIED,
  /** A bug in aino. */
  INTERNAL
}
