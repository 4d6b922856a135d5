package dev.aino.server.http;

import dev.aino.api.StaleGenerationException;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.json.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.exception.HttpResponseExceptionMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns errors into HTTP responses: {@link ErrorCode} to status, and every error
 * to an {@link ErrorBody}. An exception that is not an {@link AinoException} is a bug: the client
 * gets a generic 500 and the stack trace goes only to the server log.
 */
public final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  /** What a client sees for an unexpected failure; details stay in the server log. */
  static final String INTERNAL_MESSAGE = "internal error in aino; the server log has the details";

  /** The {@code WWW-Authenticate} value of every 401: the client must send a bearer token. */
  private static final String BEARER_CHALLENGE = "Bearer realm=\"aino\"";

  private ErrorMapping() {}

  /** The HTTP status for an error code. */
  public static int status(ErrorCode code) {
    switch (code) {
      case INVALID_ARGUMENT:
        return 400;
      case UNAUTHENTICATED:
        return 401;
      case PERMISSION_DENIED:
        return 403;
      case NOT_FOUND:
        return 404;
      case ALREADY_EXISTS:
      case CONFLICT:
      case OWNED_BY_ANOTHER:
      case FAILED_PRECONDITION:
        return 409;
      case UNSCHEDULABLE:
        return 422;
      case RUNTIME_FAILURE:
        return 502;
      case UNAVAILABLE:
        return 503;
      case INTERNAL:
        return 500;
      default:
        throw new IllegalArgumentException("no HTTP status for " + code);
    }
  }

  /** The error code for a status Javalin itself produced (unknown route, wrong method). */
  static ErrorCode codeFor(int status) {
    switch (status) {
      case 401:
        return ErrorCode.UNAUTHENTICATED;
      case 403:
      case 421:
        return ErrorCode.PERMISSION_DENIED;
      case 404:
        return ErrorCode.NOT_FOUND;
      case 409:
        return ErrorCode.CONFLICT;
      case 503:
        return ErrorCode.UNAVAILABLE;
      default:
        return status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
    }
  }

  /** Registers the exception handlers every route shares. */
  public static void install(RoutesConfig routes) {
    routes.exception(AinoException.class, ErrorMapping::onAinoException);
    routes.exception(HttpResponseException.class, ErrorMapping::onJavalinResponse);
    routes.exception(Exception.class, ErrorMapping::onUnexpected);
  }

  private static void onAinoException(AinoException e, Context ctx) {
    if (e.code() == ErrorCode.INTERNAL) {
      LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
    }
    if (e instanceof ValidationException invalid) {
      ctx.status(status(invalid.code())).json(ErrorBody.of(invalid));
      return;
    }
    if (e instanceof StaleGenerationException stale) {
      ctx.status(status(stale.code()))
          .json(
              new ErrorBody(
                  new ErrorBody.Detail(stale.code().name(), stale.getMessage()), stale.current()));
      return;
    }
    respond(ctx, e.code(), e.getMessage() == null ? e.code().name() : e.getMessage());
  }

  private static void onJavalinResponse(HttpResponseException e, Context ctx) {
    if (e.getStatus() < 400) {
      // Redirects and the like are not errors; Javalin answers them itself.
      HttpResponseExceptionMapper.INSTANCE.handle(e, ctx);
      return;
    }
    if (e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
      respond(
          ctx,
          ErrorCode.INVALID_ARGUMENT,
          "body: is larger than the limit of "
              + HttpServer.MAX_REQUEST_BYTES
              + " bytes; send a smaller document (one workload per request)",
          e.getStatus());
      return;
    }
    respond(ctx, codeFor(e.getStatus()), e.getMessage(), e.getStatus());
  }

  private static void onUnexpected(Exception e, Context ctx) {
    LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
    respond(ctx, ErrorCode.INTERNAL, INTERNAL_MESSAGE);
  }

  /** Sends the error body with the status of {@code code}. */
  public static void respond(Context ctx, ErrorCode code, String message) {
    respond(ctx, code, message, status(code));
  }

  private static void respond(Context ctx, ErrorCode code, String message, int status) {
    if (code == ErrorCode.UNAUTHENTICATED) {
      ctx.header(Header.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    ctx.status(status).json(ErrorBody.of(code, message));
  }

  /**
   * Sends the same error body as {@link #respond} from outside Javalin's routes: from the request
   * guard, which runs before every servlet (Javalin's and MCP's), so a refusal looks the same on
   * every path.
   */
  static void respond(HttpServletResponse response, int status, ErrorCode code, String message)
      throws IOException {
    if (code == ErrorCode.UNAUTHENTICATED) {
      response.setHeader(Header.WWW_AUTHENTICATE, BEARER_CHALLENGE);
    }
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] body = Json.mapper().writeValueAsBytes(ErrorBody.of(code, message));
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
