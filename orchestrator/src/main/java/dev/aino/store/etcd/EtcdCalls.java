package dev.aino.store.etcd;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Waits for jetcd calls with the configured timeout and turns their failures into aino's typed
 * errors, so that no gRPC or jetcd exception reaches a caller.
 */
final class EtcdCalls {
  private static final String LEASE_NOT_FOUND = "requested lease not found";

  private final Duration timeout;
  private final BiFunction<String, Throwable, AinoException> unavailable;

  /**
   * @param timeout how long one call may take
   * @param unavailable makes the UNAVAILABLE error for (what was attempted, why it failed)
   */
  EtcdCalls(Duration timeout, BiFunction<String, Throwable, AinoException> unavailable) {
    this.timeout = timeout;
    this.unavailable = unavailable;
  }

  /** The call's result; {@code what} names the call in error messages ("reading x"). */
  <T> T await(String what, CompletableFuture<T> call) {
    try {
      return call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw unavailable.apply(what, new TimeoutException("no answer within " + timeout));
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable.apply(what, e);
    } catch (ExecutionException | CompletionException e) {
      throw translate(what, e.getCause() == null ? e : e.getCause());
    }
  }

  /** The aino error for a failed call. */
  AinoException translate(String what, Throwable failure) {
    Throwable cause = unwrap(failure);
    Status.Code code = codeOf(cause);
    String message = String.valueOf(cause.getMessage());
    switch (code) {
      case UNAUTHENTICATED:
        return new AinoException(
            ErrorCode.UNAUTHENTICATED,
            "etcd refused the credentials while " + what + ": " + message);
      case PERMISSION_DENIED:
        return new AinoException(
            ErrorCode.PERMISSION_DENIED, "etcd denied " + what + ": " + message);
      case INVALID_ARGUMENT:
        if (message.contains("too many operations")) {
          return new ValidationException(
              "ops",
              "etcd refuses a batch this large (more operations than its --max-txn-ops, 128 by"
                  + " default)");
        }
        if (message.contains("request is too large")) {
          return new ValidationException(
              "ops", "etcd refuses a batch this large (over its --max-request-bytes)");
        }
        return new AinoException(
            ErrorCode.INTERNAL, "etcd refused " + what + ": " + message, cause);
      case NOT_FOUND:
      case ALREADY_EXISTS:
      case FAILED_PRECONDITION:
      case OUT_OF_RANGE:
      case UNIMPLEMENTED:
        return new AinoException(
            ErrorCode.INTERNAL, "etcd refused " + what + ": " + message, cause);
      default:
        // UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED, RESOURCE_EXHAUSTED (no space, too
        // many requests), INTERNAL, UNKNOWN (a broken connection), DATA_LOSS: etcd or the way to
        // it is in trouble.
        return unavailable.apply(what, cause);
    }
  }

  /** jetcd reports some failures as its own exception and others as plain gRPC ones. */
  private static Status.Code codeOf(Throwable cause) {
    if (cause instanceof EtcdException etcd) {
      return Status.Code.valueOf(etcd.getErrorCode().name());
    }
    return Status.fromThrowable(cause).getCode();
  }

  /** True when a write failed because the lease it attached is gone. */
  static boolean isLeaseNotFound(AinoException e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(LEASE_NOT_FOUND)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
