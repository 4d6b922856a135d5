package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.api.Role;
import dev.aino.api.Surface;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller the {@link RequestGuard} authenticated for a request. Every route that calls the
 * facade asks here for its caller and calls {@code service.as(caller)}, so the role check and the
 * record of who changed what are the same on every surface.
 */
public final class RequestCallers {
  /** The request attribute holding the {@link Caller} that the guard authenticated. */
  static final String ATTRIBUTE = "dev.aino.caller";

  /**
   * Who calls when no token is set: the server then answers loopback only (it refuses to start
   * otherwise), so the caller is someone on this host.
   */
  static final Caller LOCAL = new Caller("local", Role.ADMIN, Surface.REST);

  private RequestCallers() {}

  /**
   * The authenticated caller, arriving through {@code surface}.
   *
   * @throws IllegalStateException when the guard did not run for this request (a wiring error)
   */
  public static Caller of(HttpServletRequest request, Surface surface) {
    Object caller = request.getAttribute(ATTRIBUTE);
    if (!(caller instanceof Caller known)) {
      throw new IllegalStateException(
          "no caller on " + request.getRequestURI() + ": the request guard did not run");
    }
    return known.via(surface);
  }
}
