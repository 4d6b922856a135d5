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

  /**
   * The header by which aino's own command line marks its requests ({@code Aino-Surface: cli}), so
   * that the events they cause say {@code via cli}. It names the surface only, never who calls or
   * what they may do: a client that sends it gains nothing but a different word on its events.
   */
  public static final String SURFACE_HEADER = "Aino-Surface";

  private RequestCallers() {}

  /**
   * The caller of a REST request: through the CLI when the request says so ({@link
   * #SURFACE_HEADER}), else through REST.
   */
  public static Caller ofRest(HttpServletRequest request) {
    String surface = request.getHeader(SURFACE_HEADER);
    return of(
        request,
        surface != null && surface.strip().equalsIgnoreCase(Surface.CLI.id())
            ? Surface.CLI
            : Surface.REST);
  }

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
