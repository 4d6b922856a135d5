package dev.aino.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.aino.error.AinoException;
import dev.aino.store.StateStore;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz}: 200 with the store's backend and revision while the store answers, 503 with
 * the reason when it does not; both name the local node's container runtime and, when several
 * servers share an etcd, which of them leads. Open to everyone, so probes and load balancers need
 * no token.
 */
public final class HealthEndpoint implements HttpComponent {
  public static final String PATH = "/healthz";
  private static final Logger LOG = LoggerFactory.getLogger(HealthEndpoint.class);

  private final StateStore store;
  private final String version;
  private final String runtime;
  private final Supplier<Optional<?>> cluster;

  /**
   * @param store the store whose revision proves it answers
   * @param version aino's version, reported in every answer
   * @param runtime the local node's runtime and its version, e.g. {@code runc 1.1.5}
   */
  public HealthEndpoint(StateStore store, String version, String runtime) {
    this(store, version, runtime, Optional::empty);
  }

  /**
   * As above, for one of several servers sharing an etcd.
   *
   * @param cluster the leader election as this server sees it, empty for a single server
   */
  public HealthEndpoint(
      StateStore store, String version, String runtime, Supplier<Optional<?>> cluster) {
    this.store = store;
    this.version = version;
    this.runtime = runtime;
    this.cluster = cluster;
  }

  /**
   * The body of {@code /healthz}; {@code reason} only when unavailable, {@code cluster} (who leads)
   * only when several servers share the store.
   */
  record Health(
      String status,
      String version,
      String runtime,
      StoreHealth store,
      String reason,
      @JsonInclude(JsonInclude.Include.NON_NULL) Object cluster) {}

  /** The store part; {@code revision} only when the store answered. */
  record StoreHealth(String backend, Long revision) {}

  @Override
  public void configure(JavalinConfig config) {
    config.routes.get(PATH, this::check);
  }

  @Override
  public Set<String> publicPaths() {
    return Set.of(PATH);
  }

  private void check(Context ctx) {
    String backend = store.backend();
    try {
      long revision = store.revision();
      ctx.json(
          new Health(
              "ok",
              version,
              runtime,
              new StoreHealth(backend, revision),
              null,
              cluster.get().orElse(null)));
    } catch (RuntimeException e) {
      // Unauthenticated callers read this, so only an AinoException's message (written for
      // users) goes out; anything else stays in the log.
      String reason =
          e instanceof AinoException
              ? e.getMessage()
              : "the " + backend + " store failed; the server log has the details";
      LOG.warn("health check: the {} store does not answer: {}", backend, e.toString());
      ctx.status(503)
          .json(
              new Health(
                  "unavailable",
                  version,
                  runtime,
                  new StoreHealth(backend, null),
                  reason,
                  cluster.get().orElse(null)));
    }
  }
}
