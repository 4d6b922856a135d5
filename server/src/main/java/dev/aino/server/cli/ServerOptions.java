package dev.aino.server.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of every verb that talks to a running server: where it is and how to print. */
final class ServerOptions {
  static final String DEFAULT_SERVER = "http://127.0.0.1:7070";

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The aino server. Default: $AINO_SERVER, else " + DEFAULT_SERVER + ".")
  private String server;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = OutputFormat.Converter.class,
      description = "table (default), wide (aino ps: with IP and ports), json or yaml.")
  private OutputFormat output;

  OutputFormat output() {
    return output;
  }

  /**
   * {@code --server}, else {@code $AINO_SERVER}, else the default; without a trailing slash.
   *
   * @throws ParameterException (a usage error) when it is not an http or https URL
   */
  URI server(Map<String, String> env) {
    String given = server;
    String from = "--server";
    if (given == null) {
      given = env.get("AINO_SERVER");
      from = "AINO_SERVER";
    }
    if (given == null || given.isBlank()) {
      given = DEFAULT_SERVER;
    }
    String text = given.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(text);
      boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      if (web && uri.getHost() != null && uri.getRawQuery() == null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below, with the others.
    }
    throw new ParameterException(
        mixee.commandLine(),
        from
            + ": must be an http:// or https:// URL such as "
            + DEFAULT_SERVER
            + ", got \""
            + given
            + "\"");
  }

  /** {@code $AINO_TOKEN}, or null when unset or empty. */
  static String token(Map<String, String> env) {
    String token = env.get("AINO_TOKEN");
    return token == null || token.isEmpty() ? null : token;
  }
}
