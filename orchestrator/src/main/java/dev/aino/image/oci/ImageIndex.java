package dev.aino.image.oci;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An OCI index or Docker manifest list: one manifest per platform (or, in an image layout, per
 * tag).
 *
 * @param mediaType OCI index or Docker manifest list
 * @param manifests the entries
 */
public record ImageIndex(String mediaType, List<Descriptor> manifests) implements Manifest {
  public ImageIndex {
    manifests = List.copyOf(manifests);
  }

  /** The first entry built for {@code platform}'s os and architecture. */
  public Optional<Descriptor> select(Platform platform) {
    return manifests.stream().filter(d -> platform.runs(d.platform())).findFirst();
  }

  /** The platforms on offer, for an error message: {@code linux/arm64, linux/s390x}. */
  public String platforms() {
    String listed =
        manifests.stream()
            .map(d -> d.platform() == null ? "unknown" : d.platform().toString())
            .distinct()
            .collect(Collectors.joining(", "));
    return listed.isEmpty() ? "none" : listed;
  }
}
