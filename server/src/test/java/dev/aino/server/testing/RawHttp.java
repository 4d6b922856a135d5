package dev.aino.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send: a
 * forged {@code Host} header, as a DNS-rebinding page would make a browser send.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * The answer to one request.
   *
   * @param status the status code
   * @param head the status line and headers, as sent
   * @param body what follows the headers (still chunk-encoded when the server chunked it)
   */
  public record Answer(int status, String head, String body) {}

  /**
   * Sends {@code method path} to the server at {@code base} with the given {@code Host} header,
   * extra header lines (each {@code Name: value}) and body (none when null), and reads the answer
   * until the server closes the connection.
   */
  public static Answer send(
      URI base, String method, String path, String host, String body, String... headers)
      throws IOException {
    StringBuilder request = new StringBuilder();
    request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    request.append("Host: ").append(host).append("\r\n");
    request.append("Connection: close\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      request.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.UTF_8);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String rest = end < 0 ? "" : text.substring(end + 4);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new Answer(status, head, rest);
    }
  }
}
