package dev.aino.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook on a free loopback port, as a client of aino's A2A push notifications runs one: it
 * records every POST (headers and JSON body) and answers 200, or 503 to the first {@code failFirst}
 * requests, so a test sees aino's retries.
 */
public final class PushReceiver implements AutoCloseable {
  /** One POST the receiver got, and what it answered. */
  public record Received(Map<String, String> headers, JsonNode body, int answered) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft;

  public PushReceiver(int failFirst) throws IOException {
    failuresLeft = new AtomicInteger(failFirst);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            JsonNode json =
                "POST".equals(exchange.getRequestMethod()) && body.length > 0
                    ? Json.mapper().readTree(body)
                    : null;
            received.add(new Received(Map.copyOf(headers), json, status));
            exchange.sendResponseHeaders(status, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  /** The URL of {@code path} on this receiver. */
  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** The next POST, waiting at most {@code timeout}; fails when none came. */
  public Received next(Duration timeout) throws InterruptedException {
    Received r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r == null) {
      throw new AssertionError("no push notification arrived within " + timeout);
    }
    return r;
  }

  /** The next POST within {@code timeout}, or null. */
  public Received poll(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
