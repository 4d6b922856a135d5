package dev.aino.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aino.error.AinoException;
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
public final class FollowedLog extends StreamedBody {
  private final BufferedReader reader;

  FollowedLog(InputStream body, URI server) {
    super(body, server);
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
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
      String text = read("log", reader::readLine);
      if (text == null) {
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
      throw unreadable("a log line", e);
    }
  }
}
