package dev.aino.runtime.host;

import dev.aino.error.AinoException;
import dev.aino.model.Validate;
import dev.aino.runtime.ContainerHandle;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The container ids the host drivers give out, {@code <instance id>-<8 hex digits>}, and the one
 * place that reads them back. An id names its instance, so a restarted agent finds a container's
 * directory from its id alone; any id not of this form was never given out by a host driver and
 * must not be put into a path.
 */
public final class ContainerIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORMAT = Pattern.compile("(.+)-[0-9a-f]{8}");

  private ContainerIds() {}

  /** A new handle of driver {@code driver} for a container of {@code instanceId}. */
  public static ContainerHandle newHandle(String driver, String instanceId) {
    String containerId = instanceId + "-" + HexFormat.of().toHexDigits(RANDOM.nextInt());
    return new ContainerHandle(driver, containerId, instanceId);
  }

  /**
   * The instance {@code containerId} was given out for; empty for any other form, or when what
   * precedes the suffix is not a valid instance id (and so not safe as a directory name).
   */
  public static Optional<String> instanceOf(String containerId) {
    if (containerId == null) {
      return Optional.empty();
    }
    var matcher = FORMAT.matcher(containerId);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Validate.dnsLabel("instanceId", matcher.group(1)));
    } catch (AinoException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code containerId} is an id a host driver could have issued for {@code instanceId}.
   */
  public static boolean issuedFor(String instanceId, String containerId) {
    return instanceId != null && instanceOf(containerId).map(instanceId::equals).orElse(false);
  }
}
