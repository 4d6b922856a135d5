package dev.aino.server;

import dev.aino.error.ValidationException;
import java.util.regex.Pattern;

/** Checks {@code HOST:PORT} values: a host name, an IPv4 address or a bracketed IPv6 address. */
final class HostPort {
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\]");

  private HostPort() {}

  /**
   * Returns {@code value} when it is {@code HOST:PORT} with a port from 1 to 65535.
   *
   * @throws ValidationException naming {@code field} otherwise
   */
  static String validate(String field, String value) {
    int colon = value.lastIndexOf(':');
    String host = colon < 0 ? "" : value.substring(0, colon);
    String port = colon < 0 ? "" : value.substring(colon + 1);
    if (!HOST.matcher(host).matches() || !port.matches("\\d{1,5}")) {
      throw new ValidationException(
          field, "must be HOST:PORT such as 10.0.0.5:7070 or [::1]:7070, got \"" + value + "\"");
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65535) {
      throw new ValidationException(
          field, "port must be between 1 and 65535, got " + number + " in \"" + value + "\"");
    }
    return value;
  }
}
