package dev.aino.testing.etcd;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real etcd per test class. Either register it in a static field and use its accessors:
 *
 * <pre>{@code
 * @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
 * ... EtcdConfig.of(ETCD.endpoint()).withNamespace(ETCD.newNamespace()) ...
 * }</pre>
 *
 * or annotate the class with {@code @ExtendWith(EtcdExtension.class)} and take an {@link
 * EtcdServer} parameter in test, lifecycle or constructor methods. The server starts before the
 * class's {@code @BeforeAll} methods and is stopped, its data deleted, after its {@code @AfterAll}
 * methods. A missing etcd binary fails the class, saying what to install.
 */
public final class EtcdExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(EtcdExtension.class);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private volatile EtcdServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    EtcdServer started = new EtcdServer();
    try {
      started.start();
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    server = started;
    context.getStore(STORE).put(EtcdServer.class, started);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    EtcdServer running = context.getStore(STORE).remove(EtcdServer.class, EtcdServer.class);
    if (running != null) {
      running.close();
    }
    server = null;
  }

  /** The running server of the current test class. */
  public EtcdServer server() {
    EtcdServer s = server;
    if (s == null) {
      throw new IllegalStateException("etcd runs only between beforeAll and afterAll");
    }
    return s;
  }

  /** The running server's client URL. */
  public String endpoint() {
    return server().endpoint();
  }

  /**
   * A key namespace no other caller in this JVM got, such as {@code /aino-test-7/v1/}: tests that
   * share one etcd stay out of each other's way.
   */
  public String newNamespace() {
    return "/aino-test-" + NAMESPACES.incrementAndGet() + "/v1/";
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EtcdServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EtcdServer s = context.getStore(STORE).get(EtcdServer.class, EtcdServer.class);
    return s != null ? s : server();
  }
}
