package dev.aino.a2a;

import dev.aino.error.ValidationException;
import dev.aino.retry.Backoff;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where and how the agent sends push notifications. A caller names the URL; aino only sends to a
 * host an operator allowed ({@code --a2a-push-allowed-host}), so no client can make the server send
 * requests into the network around it. None is allowed by default, and then the agent sends none.
 *
 * @param allowedHosts the hosts a push URL may name, each with the one port it may use or with any
 *     port
 * @param attempts how many times one notification is tried before it is given up
 * @param backoff the wait before each retry
 * @param timeout how long one attempt may take, connecting and answering
 */
public record PushSettings(
    List<AllowedHost> allowedHosts, int attempts, Backoff backoff, Duration timeout) {

  /** The command-line option that allows hosts, named by every refusal. */
  public static final String OPTION = "--a2a-push-allowed-host";

  /**
   * A host a push URL may name.
   *
   * @param host the host name or IP address, lower case (an IPv6 address in brackets)
   * @param port the only port allowed, or -1 for any
   */
  public record AllowedHost(String host, int port) {
    public AllowedHost {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host is required");
      }
      host = host.toLowerCase(Locale.ROOT);
      if (port < -1 || port == 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535 or -1 (any), got " + port);
      }
    }

    boolean allows(String urlHost, int urlPort) {
      return host.equalsIgnoreCase(urlHost) && (port == -1 || port == urlPort);
    }

    @Override
    public String toString() {
      return port == -1 ? host : host + ":" + port;
    }
  }

  public PushSettings {
    allowedHosts = List.copyOf(allowedHosts);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    if (backoff == null) {
      throw new IllegalArgumentException("backoff is required");
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** No host allowed: the agent sends no push notifications and says so. */
  public static PushSettings none() {
    return allowing(List.of());
  }

  /**
   * The hosts {@code entries} name ({@code HOST} or {@code HOST:PORT}, an IPv6 address in
   * brackets), each notification tried 5 times, 1 s after the first failure, doubling up to 30 s,
   * each attempt given 10 s.
   *
   * @throws ValidationException naming {@value #OPTION} for an entry that is not a host and port
   */
  public static PushSettings allowing(List<String> entries) {
    List<AllowedHost> hosts = new ArrayList<>();
    for (String entry : entries) {
      hosts.add(parse(entry));
    }
    return new PushSettings(
        hosts,
        5,
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)),
        Duration.ofSeconds(10));
  }

  /** These settings with {@code attempts} tries, waiting as {@code backoff} says in between. */
  public PushSettings withRetries(int attempts, Backoff backoff) {
    return new PushSettings(allowedHosts, attempts, backoff, timeout);
  }

  /** True when at least one host is allowed, so the agent takes push configs. */
  public boolean enabled() {
    return !allowedHosts.isEmpty();
  }

  private static AllowedHost parse(String entry) {
    String e = entry == null ? "" : entry.strip();
    URI uri;
    try {
      uri = e.isEmpty() ? null : new URI("http://" + e);
    } catch (URISyntaxException x) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new ValidationException(
          OPTION, "must be HOST or HOST:PORT (e.g. hooks.example.com:443), got '" + e + "'");
    }
    if (uri.getPort() == 0) {
      throw new ValidationException(OPTION, "port must be 1-65535, got 0 in '" + e + "'");
    }
    return new AllowedHost(uri.getHost(), uri.getPort());
  }

  /**
   * Refuses a push URL whose host (and port) no entry allows.
   *
   * @param field the field that named the URL, for the message
   * @throws A2aException invalid params naming the host and {@value #OPTION}
   */
  void check(URI url, String field) {
    if (!allows(url)) {
      throw A2aException.invalidParams(
          field,
          "host "
              + hostAndPort(url)
              + " is not allowed for push notifications; aino up sends them only to the hosts"
              + " given with "
              + OPTION
              + " ("
              + String.join(", ", allowedHosts.stream().map(AllowedHost::toString).toList())
              + ")");
    }
  }

  /** True when an entry allows the URL's host and port. */
  boolean allows(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    int port = port(url);
    return allowedHosts.stream().anyMatch(h -> h.allows(host, port));
  }

  static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  static String hostAndPort(URI url) {
    return url.getHost() + ":" + port(url);
  }
}
