package dev.aino.mcp.tools;

import dev.aino.api.Caller;
import dev.aino.api.OrchestratorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * The caller of the tool call in progress, and the facade as that caller sees it. The tools are
 * built once per server, while the caller changes with every call: {@link ToolAdapter} binds the
 * call's caller around the handler, which runs to its end on the thread that called it, and every
 * facade call a tool makes goes to {@code service.as(caller)}. A tool called with no caller bound
 * is a wiring error, never an unchecked call.
 */
public final class CallerBound {
  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  private CallerBound() {}

  /** Runs {@code work} as {@code caller}. */
  static <T> T with(Caller caller, Supplier<T> work) {
    Caller outer = CURRENT.get();
    CURRENT.set(caller);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * The caller of the tool call in progress.
   *
   * @throws IllegalStateException when no tool call is in progress on this thread
   */
  public static Caller current() {
    Caller caller = CURRENT.get();
    if (caller == null) {
      throw new IllegalStateException("no caller bound: a tool ran outside ToolAdapter's call");
    }
    return caller;
  }

  /** A facade that sends every call to {@code service.as(current())}. */
  public static OrchestratorService service(OrchestratorService service) {
    return (OrchestratorService)
        Proxy.newProxyInstance(
            OrchestratorService.class.getClassLoader(),
            new Class<?>[] {OrchestratorService.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(service, args);
              }
              try {
                return method.invoke(service.as(current()), args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
