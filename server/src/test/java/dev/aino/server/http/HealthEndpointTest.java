package dev.aino.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.UnavailableException;
import dev.aino.server.testing.HttpProbe;
import dev.aino.store.StateStore;
import dev.aino.store.memory.InMemoryStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code /healthz} when the store stops answering. */
class HealthEndpointTest {
  /**
   * A real in-memory store whose {@code revision()} fails as an unreachable etcd's would; no
   * backend in this module can be made unreachable on demand.
   */
  private static StateStore unreachable(StateStore real, RuntimeException failure) {
    return (StateStore)
        Proxy.newProxyInstance(
            StateStore.class.getClassLoader(),
            new Class<?>[] {StateStore.class},
            (proxy, method, args) -> {
              if (method.getName().equals("revision")) {
                throw failure;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static HttpResponse<String> healthz(StateStore store) throws Exception {
    try (HttpServer server =
        HttpServer.start(
            HttpSettings.loopback(0), List.of(new HealthEndpoint(store, "9.9.9", "simulated 1")))) {
      return new HttpProbe(server.baseUri()).get("/healthz");
    }
  }

  @Test
  void isUnavailableWithTheReasonWhenTheStoreFails() throws Exception {
    try (InMemoryStateStore real = new InMemoryStateStore()) {
      StateStore store =
          unreachable(
              real, new UnavailableException("etcd at http://127.0.0.1:2379 is unreachable", null));

      HttpResponse<String> response = healthz(store);

      assertThat(response.statusCode()).isEqualTo(503);
      JsonNode body = HttpProbe.json(response);
      assertThat(body.path("status").asText()).isEqualTo("unavailable");
      assertThat(body.path("version").asText()).isEqualTo("9.9.9");
      assertThat(body.path("runtime").asText()).isEqualTo("simulated 1");
      assertThat(body.path("reason").asText())
          .isEqualTo("etcd at http://127.0.0.1:2379 is unreachable");
      assertThat(body.path("store").path("backend").asText()).isEqualTo("memory");
      assertThat(body.path("store").has("revision")).isFalse();
    }
  }

  @Test
  void hidesTheDetailsOfAnUnexpectedFailure() throws Exception {
    try (InMemoryStateStore real = new InMemoryStateStore()) {
      StateStore store = unreachable(real, new IllegalStateException("jdbc:secret/path broke"));

      HttpResponse<String> response = healthz(store);

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(HttpProbe.json(response).path("reason").asText()).contains("memory store failed");
      assertThat(response.body()).doesNotContain("secret");
    }
  }
}
