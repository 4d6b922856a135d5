package dev.aino.server.http;

import dev.aino.error.UnavailableException;
import dev.aino.json.Json;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The one HTTP server of {@code aino up}: a Javalin instance that every {@link HttpComponent} adds
 * its routes to, behind the shared error mapping and the {@link RequestGuard} (Host, Origin, bearer
 * token, Content-Type), which runs before every servlet of the context, Javalin's and MCP's.
 */
public final class HttpServer implements AutoCloseable {
  /**
   * The largest request body accepted (Javalin's default, made explicit so that the 413 answer can
   * state it): a manifest is a few kilobytes, so this only stops a runaway or hostile client.
   */
  public static final long MAX_REQUEST_BYTES = 1_000_000L;

  private final Javalin app;
  private final URI baseUri;

  private HttpServer(Javalin app, URI baseUri) {
    this.app = app;
    this.baseUri = baseUri;
  }

  /**
   * Loads and initialises the HTTP server's classes (Javalin, Jetty and its MIME table) on a
   * background thread, while the store and the control plane start on this one: on a small machine,
   * loading classes is most of aino's start-up. Nothing is started or bound; whatever fails here
   * fails again, and is reported, in {@link #start}.
   */
  public static void warmUpInBackground() {
    Thread warmUp =
        new Thread(
            () -> {
              try {
                Javalin.create(config -> config.startup.showJavalinBanner = false);
                new Server().getMimeTypes();
              } catch (RuntimeException | LinkageError e) {
                // start() meets the same problem and reports it.
              }
            },
            "aino-http-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  /**
   * Starts serving the components.
   *
   * @throws UnavailableException when the address cannot be bound (port taken, no permission)
   */
  public static HttpServer start(HttpSettings settings, List<? extends HttpComponent> components) {
    return start(
        settings, components, ConsoleSessions.create(settings, java.time.Clock.systemUTC()));
  }

  /**
   * Starts serving the components, with the console's logins: the guard accepts their session
   * cookie as it accepts the bearer token.
   *
   * @throws UnavailableException when the address cannot be bound (port taken, no permission)
   */
  public static HttpServer start(
      HttpSettings settings, List<? extends HttpComponent> components, ConsoleSessions sessions) {
    Set<String> publicPaths = new HashSet<>();
    components.forEach(c -> publicPaths.addAll(c.publicPaths()));
    Javalin app =
        Javalin.create(config -> configure(config, settings, components, publicPaths, sessions));
    try {
      app.start();
    } catch (UnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UnavailableException("cannot start the HTTP server: " + rootCause(e), e);
    }
    return new HttpServer(app, settings.baseUri(app.port()));
  }

  private static void configure(
      JavalinConfig config,
      HttpSettings settings,
      List<? extends HttpComponent> components,
      Set<String> publicPaths,
      ConsoleSessions sessions) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.startup.startupWatcherEnabled = false;
    config.jetty.addConnector((server, http) -> openConnector(server, http, settings));
    config.jsonMapper(new JavalinJackson(Json.mapper(), false));
    config.http.maxRequestSize = MAX_REQUEST_BYTES;
    ErrorMapping.install(config.routes);
    RequestGuard guard =
        new RequestGuard(
            new AllowedCallers(settings.allowedHosts(), settings.allowedOrigins()),
            BearerAuth.of(settings),
            sessions,
            publicPaths);
    config.jetty.modifyServletContextHandler(
        context -> {
          for (HttpComponent c : components) {
            c.requestObserver()
                .ifPresent(
                    observer -> {
                      FilterHolder holder = new FilterHolder(observer);
                      holder.setAsyncSupported(true);
                      context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
                    });
          }
          FilterHolder holder = new FilterHolder(guard);
          holder.setAsyncSupported(true);
          context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    components.forEach(c -> c.configure(config));
  }

  /**
   * The listening socket, bound here rather than when Jetty starts, so that a port in use fails
   * before anything else starts, with one message of ours instead of Javalin's error log.
   */
  private static ServerConnector openConnector(
      Server server, HttpConfiguration http, HttpSettings settings) {
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    try {
      connector.open();
    } catch (IOException e) {
      throw new UnavailableException(
          "cannot listen on " + settings.bind() + ":" + settings.port() + ": " + rootCause(e), e);
    }
    return connector;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The port actually bound (the chosen one when the settings asked for 0). */
  public int port() {
    return app.port();
  }

  /** For example {@code http://127.0.0.1:7070}. */
  public URI baseUri() {
    return baseUri;
  }

  /** Stops accepting requests and releases the port. */
  @Override
  public void close() {
    app.stop();
  }
}
