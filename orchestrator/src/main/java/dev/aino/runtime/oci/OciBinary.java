package dev.aino.runtime.oci;

import dev.aino.error.RuntimeFailureException;
import dev.aino.model.Validate;
import dev.aino.runtime.host.HostCommand;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI runtime binary a driver drives: youki, runc or crun, which share runc's command line.
 *
 * @param name its name, as reported in the node's fingerprint ({@code runc})
 * @param path the executable
 * @param version what {@code <binary> --version} reported ({@code 1.1.5+ds1}), empty if nothing
 */
public record OciBinary(String name, Path path, String version) {
  /** What {@code auto} looks for, in order of preference. */
  public static final List<String> AUTO_ORDER = List.of("youki", "runc", "crun");

  /**
   * sbin directories are searched too: runc lives in /usr/sbin on Debian, which a service's PATH
   * often lacks.
   */
  private static final List<String> EXTRA_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

  private static final Pattern VERSION = Pattern.compile("version\\s+(\\S+)");

  public OciBinary {
    Validate.nonBlank("name", name);
    Validate.required("path", path);
    version = version == null ? "" : version;
  }

  /**
   * Finds the binary {@code preference} names: {@code auto} (youki, then runc, then crun from
   * PATH), a name from PATH, or an absolute path; and asks it for its version.
   *
   * @throws RuntimeFailureException when none is found, saying what to install
   */
  public static OciBinary detect(String preference, Path scratch) {
    Validate.nonBlank("runtime", preference);
    List<String> wanted = preference.equals("auto") ? AUTO_ORDER : List.of(preference);
    for (String candidate : wanted) {
      Optional<Path> path = locate(candidate);
      if (path.isPresent()) {
        return new OciBinary(
            path.get().getFileName().toString(), path.get(), version(path.get(), scratch));
      }
    }
    throw new RuntimeFailureException(
        "finding an OCI runtime: no "
            + String.join(", ", wanted)
            + " executable in "
            + String.join(":", searchPath())
            + "; install one, e.g. apt-get install runc");
  }

  private static Optional<Path> locate(String candidate) {
    if (candidate.contains("/")) {
      Path path = Path.of(candidate);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    for (String dir : searchPath()) {
      Path path = Path.of(dir, candidate);
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static List<String> searchPath() {
    Set<String> dirs = new LinkedHashSet<>();
    String env = System.getenv("PATH");
    if (env != null) {
      for (String dir : env.split(File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(dir);
        }
      }
    }
    dirs.addAll(EXTRA_DIRS);
    return new ArrayList<>(dirs);
  }

  private static String version(Path binary, Path scratch) {
    HostCommand.Result result =
        new HostCommand(scratch)
            .run(
                "asking " + binary + " for its version",
                List.of(binary.toString(), "--version"),
                Duration.ofSeconds(10));
    Matcher matcher = VERSION.matcher(result.stdout());
    return matcher.find() ? matcher.group(1) : "";
  }
}
