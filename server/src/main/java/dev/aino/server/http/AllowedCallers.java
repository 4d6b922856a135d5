package dev.aino.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which {@code Host} and {@code Origin} header values the server answers. A page of another site
 * that a browser on this machine shows sends its own {@code Origin}; a DNS-rebinding page (its name
 * now resolving to 127.0.0.1) sends its own name as {@code Host}. Refusing both keeps web pages
 * from driving aino even when no token is set, which is the default on loopback.
 *
 * <p>A pattern is a value to match exactly (case-insensitively), or {@code name:*} for {@code name}
 * with any port or none.
 */
final class AllowedCallers {
  /** Loopback names, any port: always allowed. */
  static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1:*", "localhost:*", "[::1]:*");

  private final List<String> hosts;
  private final List<String> origins;

  /**
   * @param extraHosts Host patterns allowed besides loopback ({@code --allowed-host})
   * @param extraOrigins Origin patterns allowed besides loopback ({@code --allowed-origin})
   */
  AllowedCallers(List<String> extraHosts, List<String> extraOrigins) {
    List<String> h = new ArrayList<>(LOOPBACK_HOSTS);
    h.addAll(extraHosts);
    this.hosts = List.copyOf(h);
    List<String> o = new ArrayList<>();
    for (String loopback : LOOPBACK_HOSTS) {
      o.add("http://" + loopback);
      o.add("https://" + loopback);
    }
    o.addAll(extraOrigins);
    this.origins = List.copyOf(o);
  }

  /** Whether a request with this {@code Host} header (null when absent) may be served. */
  boolean hostAllowed(String host) {
    return host != null && hosts.stream().anyMatch(p -> matches(p, host.strip()));
  }

  /** Whether a request with this {@code Origin} header may be served; none is not a browser's. */
  boolean originAllowed(String origin) {
    return origin == null || origins.stream().anyMatch(p -> matches(p, origin.strip()));
  }

  static boolean matches(String pattern, String value) {
    String p = pattern.toLowerCase(Locale.ROOT);
    String v = value.toLowerCase(Locale.ROOT);
    if (!p.endsWith(":*")) {
      return p.equals(v);
    }
    String name = p.substring(0, p.length() - 2);
    if (v.equals(name)) {
      return true;
    }
    if (!v.startsWith(name + ":")) {
      return false;
    }
    String port = v.substring(name.length() + 1);
    return !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit);
  }
}
