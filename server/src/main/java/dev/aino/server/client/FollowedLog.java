package dev.aino.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.error.UnavailableException;
import dev.aino.json.Json;
import dev.aino.runtime.LogLine;
import dev.aino.server.http.ErrorBody;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A followed log as the server streams it (one JSON line per log line, blank keep-alive lines),
 * read line by line as it arrives. Not thread-safe, except {@link #close}, which may be called from
 * any thread to stop reading.
 */
public final class FollowedLog implements AutoCloseable {
  private final InputStream body;
  private final BufferedReader reader;
  private final URI server;
  private volatile boolean closed;

  FollowedLog(InputStream body, URI server) {
    this.body = body;
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.server = server;
  }

  /**
   * The next line, waiting for it; null once the log has ended (the container ended, or {@link
   * #close} was called).
   *
   * @throws AinoException the failure that ended the log, as the server reported it, or {@code
   *     UNAVAILABLE} when the connection broke
   */
  public LogLine next() {
    while (true) {
      String text;
      try {
        text = reader.readLine();
      } catch (IOException e) {
        if (closed) {
          return null;
        }
        throw new UnavailableException(
            "the log stream from aino at " + server + " broke off: " + e.getMessage(), e);
      }
      if (text == null || closed) {
        return null;
      }
      if (!text.isBlank()) {
        return decode(text);
      }
    }
  }

  private LogLine decode(String text) {
    try {
      JsonNode node = Json.mapper().readTree(text);
      if (node.has("error")) {
        ErrorBody.Detail error =
            Json.mapper().treeToValue(node.get("error"), ErrorBody.Detail.class);
        throw new ApiException(ErrorBody.codeOf(error.code()), error.message(), 200);
      }
      return Json.mapper().treeToValue(node, LogLine.class);
    } catch (IOException e) {
      throw new AinoException(
          ErrorCode.INTERNAL,
          "cannot read a log line from aino at "
              + server
              + "; are the client and the server the same version of aino?",
          e);
    }
  }

  /** Stops reading and releases the connection. */
  @Override
  public void close() {
    closed = true;
    try {
      body.close();
    } catch (IOException e) {
      // Closing a response stream that already broke: nothing left to release.
    }
  }
}
