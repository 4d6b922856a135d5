package dev.aino.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.a2a.A2aAgent;
import dev.aino.a2a.A2aVersion;
import dev.aino.a2a.Reply;
import dev.aino.api.Caller;
import dev.aino.api.OrchestratorService;
import dev.aino.api.Surface;
import dev.aino.json.Json;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A2A on the shared server: the agent card at {@value A2aAgent#CARD_PATH} (public, as discovery
 * needs) and the JSON-RPC endpoint at {@value A2aAgent#PATH}, behind the {@link RequestGuard} like
 * every route. Each request reaches the agent with the facade as its caller sees it, so a viewer's
 * change is refused by the same role check as on REST. Streams are server-sent events, one JSON-RPC
 * response per {@code data:} line, with a comment line every 15 s of silence.
 */
public final class A2aComponent implements HttpComponent, AutoCloseable {
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);

  private final A2aAgent agent;
  private final OrchestratorService service;
  private final boolean bearer;

  public A2aComponent(A2aAgent agent, OrchestratorService service, HttpSettings http) {
    this.agent = agent;
    this.service = service;
    this.bearer = http.token().isPresent();
  }

  @Override
  public void configure(JavalinConfig config) {
    config.routes.get(A2aAgent.CARD_PATH, ctx -> ctx.json(agent.card(baseUrl(ctx), bearer)));
    config.routes.post(A2aAgent.PATH, this::rpc);
  }

  @Override
  public Set<String> publicPaths() {
    return Set.of(A2aAgent.CARD_PATH);
  }

  private void rpc(Context ctx) throws IOException {
    Caller caller = RequestCallers.of(ctx.req(), Surface.A2A);
    Reply reply =
        agent.handle(
            ctx.bodyAsBytes(),
            ctx.header(A2aVersion.HEADER),
            service.as(caller),
            caller,
            baseUrl(ctx));
    if (reply instanceof Reply.Json json) {
      ctx.status(200).contentType("application/json").result(Json.encode(json.body()));
    } else if (reply instanceof Reply.Stream stream) {
      stream(ctx, stream);
    }
  }

  private static void stream(Context ctx, Reply.Stream stream) {
    try {
      ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
      OutputStream out = ctx.res().getOutputStream();
      out.flush();
      while (!stream.finished()) {
        ObjectNode next = stream.next(KEEPALIVE);
        if (next == null) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
          out.write("data: ".getBytes(StandardCharsets.UTF_8));
          out.write(Json.encode(next));
          out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
    } catch (IOException e) {
      // The client went away; the task goes on and can be read or subscribed to again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stream.close();
    }
  }

  /** The address the client used; the guard has checked its Host header already. */
  private static String baseUrl(Context ctx) {
    return ctx.scheme() + "://" + ctx.host();
  }

  @Override
  public void close() {
    agent.close();
  }
}
