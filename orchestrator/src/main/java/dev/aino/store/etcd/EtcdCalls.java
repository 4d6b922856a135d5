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
import java.util.function.Supplier;

/**
 * Waits for jetcd calls with the configured timeout and turns their failures into aino's typed
 * errors, so that no gRPC or jetcd exception reaches a caller.
 */
final class EtcdCalls {
  private static final String LEASE_NOT_FOUND = "requested lease not found";

  private final Duration timeout;
  private final BiFunction<String, Throwable, AinoException> unavailable;
  private volatile boolean closed;

  /**
   * @param timeout how long one call may take
   * @param unavailable makes the UNAVAILABLE error for (what was attempted, why it failed)
   */
  EtcdCalls(Duration timeout, BiFunction<String, Throwable, AinoException> unavailable) {
    this.timeout = timeout;
    this.unavailable = unavailable;
  }

  /** From now on every call fails as UNAVAILABLE without reaching jetcd. */
  void close() {
    closed = true;
  }

  /**
   * Starts a call and waits for its result; {@code what} names the call in error messages ("reading
   * x").
   */
  <T> T await(String what, Supplier<CompletableFuture<T>> start) {
    if (closed) {
      throw unavailable.apply(what, new IllegalStateException("the store is closed"));
    }
    CompletableFuture<T> call;
    try {
      call = start.get();
    } catch (RuntimeException e) {
      throw translate(what, e);
    }
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
        return signInFailure(what, cause);
      case PERMISSION_DENIED:
        return new AinoException(
            ErrorCode.PERMISSION_DENIED, "etcd denied " + what + ": " + message, cause);
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
        return unavailable.apply(what, cause); // one of the transient codes
    }
  }

  /**
   * jetcd reports any failure to sign in as UNAUTHENTICATED, with the real reason as its cause:
   * refused credentials, or an etcd it could not reach.
   */
  private AinoException signInFailure(String what, Throwable failure) {
    Throwable reason = failure.getCause() != null ? failure.getCause() : failure;
    if (reason != failure && isTransient(codeOf(reason))) {
      return unavailable.apply(what, reason);
    }
    return new AinoException(
        ErrorCode.UNAUTHENTICATED,
        "etcd refused the credentials while " + what + ": " + reason.getMessage(),
        failure);
  }

  /** Codes that say etcd, or the way to it, is in trouble rather than the request wrong. */
  private static boolean isTransient(Status.Code code) {
    switch (code) {
      case UNAVAILABLE:
      case DEADLINE_EXCEEDED:
      case CANCELLED:
      case ABORTED:
      case RESOURCE_EXHAUSTED: // no space left, too many requests
      case INTERNAL:
      case UNKNOWN: // a connection that broke in an unusual way
      case DATA_LOSS:
        return true;
      default:
        return false;
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
