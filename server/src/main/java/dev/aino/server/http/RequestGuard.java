package dev.aino.server.http;

import dev.aino.api.Caller;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.ValidationException;
import dev.aino.server.format.DocumentFormat;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every servlet of the HTTP server (Javalin's routes, {@code /mcp}, and whatever is
 * mounted later), so every path refuses the same requests with the same {@link ErrorBody}, in this
 * order:
 *
 * <ol>
 *   <li>a {@code Host} that is not loopback or allowed: 421 (DNS rebinding);
 *   <li>an {@code Origin} that is not loopback or allowed: 403 (a page of another site);
 *   <li>no valid bearer token, when one is set: 401 with {@code WWW-Authenticate: Bearer}. A
 *       request with the console's session cookie and no {@code Authorization} header is the
 *       session's caller instead ({@link ConsoleSessions}; 403 for a change without its CSRF
 *       header); a browser asking for a page without either is redirected to {@code /login};
 *   <li>a write carrying a body (or a {@code Content-Type}) that is not JSON or YAML: 415. A form
 *       or a {@code fetch} without CORS preflight can only send {@code text/plain}, form or
 *       multipart bodies; refusing them means a web page cannot write even without an {@code
 *       Origin} check.
 * </ol>
 *
 * <p>{@code GET} and {@code HEAD} of a public path ({@code /healthz}) pass unchecked, for probes
 * and load balancers that know the server by another name.
 */
final class RequestGuard implements Filter {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final AllowedCallers callers;
  private final Optional<BearerAuth> auth;
  private final ConsoleSessions sessions;
  private final Set<String> publicPaths;

  RequestGuard(
      AllowedCallers callers,
      Optional<BearerAuth> auth,
      ConsoleSessions sessions,
      Set<String> publicPaths) {
    this.callers = callers;
    this.auth = auth;
    this.sessions = sessions;
    this.publicPaths = Set.copyOf(publicPaths);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    String method = request.getMethod();
    boolean publicPath = publicPaths.contains(request.getRequestURI());
    if (publicPath && (method.equals("GET") || method.equals("HEAD"))) {
      chain.doFilter(req, res);
      return;
    }
    String host = request.getHeader("Host");
    if (!callers.hostAllowed(host)) {
      closeUnread(request, response);
      ErrorMapping.respond(
          response,
          421,
          ErrorCode.PERMISSION_DENIED,
          "Host "
              + (host == null ? "(none)" : "\"" + host + "\"")
              + " is not this server's: aino answers only loopback names and those --allowed-host"
              + " lists, so that a web page cannot reach it through a name of its own (DNS"
              + " rebinding)");
      return;
    }
    String origin = request.getHeader("Origin");
    if (!callers.originAllowed(origin)) {
      closeUnread(request, response);
      ErrorMapping.respond(
          response,
          403,
          ErrorCode.PERMISSION_DENIED,
          "Origin \""
              + origin
              + "\" may not call aino: requests from web pages are refused unless their origin is"
              + " loopback or --allowed-origin lists it");
      return;
    }
    Caller caller = RequestCallers.LOCAL;
    if (auth.isPresent() && !publicPath) {
      try {
        Optional<Caller> console = sessions.authenticate(request);
        caller =
            console.isPresent()
                ? console.get()
                : auth.get().authenticate(request.getHeader("Authorization"));
      } catch (AinoException e) {
        if (sessions.wantsLoginPage(request)) {
          response.sendRedirect("/login");
          return;
        }
        closeUnread(request, response);
        ErrorMapping.respond(response, ErrorMapping.status(e.code()), e.code(), e.getMessage());
        return;
      }
    }
    request.setAttribute(RequestCallers.ATTRIBUTE, caller);
    String contentType = request.getContentType();
    if (WRITES.contains(method) && (hasBody(request) || contentType != null)) {
      if (!isDocument(contentType)) {
        closeUnread(request, response);
        ErrorMapping.respond(
            response,
            415,
            ErrorCode.INVALID_ARGUMENT,
            "Content-Type: must be application/json or application/yaml (also application/x-yaml,"
                + " text/yaml), got "
                + (contentType == null ? "none" : "\"" + contentType.strip() + "\"")
                + ": bodies a web page can send without asking (forms, text/plain) are refused, so"
                + " that no web page can write to aino");
        return;
      }
    }
    chain.doFilter(req, res);
  }

  /**
   * A refusal leaves the request's body unread, so the connection cannot carry another request: say
   * so, or a client that pools connections sends its next request into a closed one.
   */
  private static void closeUnread(HttpServletRequest request, HttpServletResponse response) {
    if (hasBody(request)) {
      response.setHeader("Connection", "close");
    }
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static boolean isDocument(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return false;
    }
    try {
      DocumentFormat.ofContentType(contentType);
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }
}
