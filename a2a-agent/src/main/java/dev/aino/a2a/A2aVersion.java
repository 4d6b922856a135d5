package dev.aino.a2a;

import java.util.Locale;

/**
 * The protocol versions aino speaks, chosen per request by the {@code A2A-Version} header: absent
 * or empty means 0.3, as A2A 1.0's version negotiation says.
 */
public enum A2aVersion {
  V0_3("0.3"),
  V1_0("1.0");

  /** The request header that names the version. */
  public static final String HEADER = "A2A-Version";

  private final String wire;

  A2aVersion(String wire) {
    this.wire = wire;
  }

  /** {@code 0.3} or {@code 1.0}. */
  public String wire() {
    return wire;
  }

  /**
   * The version a request asks for.
   *
   * @param header the {@code A2A-Version} header, or null when absent
   * @throws A2aException {@link A2aErrorCode#VERSION_NOT_SUPPORTED} for any other version
   */
  public static A2aVersion of(String header) {
    if (header == null || header.isBlank()) {
      return V0_3;
    }
    String v = header.strip().toLowerCase(Locale.ROOT);
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    return switch (v) {
      case "0.3", "0.3.0" -> V0_3;
      case "1", "1.0", "1.0.0" -> V1_0;
      default ->
          throw new A2aException(
              A2aErrorCode.VERSION_NOT_SUPPORTED,
              "A2A-Version "
                  + header.strip()
                  + " is not supported; this agent speaks 1.0 and 0.3 (send A2A-Version: 1.0)");
    };
  }
}
