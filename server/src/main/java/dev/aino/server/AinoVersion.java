package dev.aino.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build of aino, as Maven stamped it into {@code version.properties}. */
public final class AinoVersion {
  private static final String VERSION = load();

  private AinoVersion() {}

  /** For example {@code 0.1.0}; {@code unknown} when the classes were not built by Maven. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = AinoVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      // An unfiltered copy still holds the placeholder.
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read aino's version.properties", e);
    }
  }
}
