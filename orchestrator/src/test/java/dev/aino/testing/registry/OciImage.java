package dev.aino.testing.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aino.image.oci.MediaTypes;
import dev.aino.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image built in memory: configuration, layers and manifest, in OCI or Docker schema 2 media
 * types.
 *
 * @param manifest the manifest
 * @param config the configuration blob
 * @param layers the layer blobs, base first
 */
public record OciImage(Blob manifest, Blob config, List<Blob> layers) {
  public OciImage {
    layers = List.copyOf(layers);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configuration and layers: what must be pushed before the manifest. */
  public List<Blob> blobs() {
    List<Blob> all = new ArrayList<>();
    all.add(config);
    all.addAll(layers);
    return all;
  }

  /** Writes an OCI image layout with this image tagged {@code tag}. */
  public void writeLayout(Path dir, String tag) {
    ObjectNode entry = manifest.descriptor();
    entry.putObject("annotations").put("org.opencontainers.image.ref.name", tag);
    List<Blob> all = new ArrayList<>(blobs());
    all.add(manifest);
    Layouts.write(dir, all, List.of(entry));
  }

  /** Builds an {@link OciImage}. */
  public static final class Builder {
    private final List<byte[]> layers = new ArrayList<>();
    private final ObjectNode runConfig = Json.mapper().createObjectNode();
    private boolean docker;
    private String architecture = "amd64";

    /** Adds a layer: a tar, gzip-compressed or not. */
    public Builder layer(byte[] tarOrTarGz) {
      layers.add(tarOrTarGz);
      return this;
    }

    public Builder cmd(String... args) {
      strings("Cmd", args);
      return this;
    }

    public Builder entrypoint(String... args) {
      strings("Entrypoint", args);
      return this;
    }

    public Builder env(String... entries) {
      strings("Env", entries);
      return this;
    }

    public Builder workingDir(String dir) {
      runConfig.put("WorkingDir", dir);
      return this;
    }

    public Builder user(String user) {
      runConfig.put("User", user);
      return this;
    }

    public Builder architecture(String arch) {
      this.architecture = arch;
      return this;
    }

    /** Use Docker schema 2 media types instead of OCI ones. */
    public Builder docker() {
      this.docker = true;
      return this;
    }

    public OciImage build() {
      ObjectNode config = Json.mapper().createObjectNode();
      config.put("architecture", architecture);
      config.put("os", "linux");
      config.set("config", runConfig.deepCopy());
      ObjectNode rootfs = config.putObject("rootfs");
      rootfs.put("type", "layers");
      ArrayNode diffIds = rootfs.putArray("diff_ids");
      List<Blob> layerBlobs = new ArrayList<>();
      for (byte[] layer : layers) {
        boolean gzip = layer.length > 1 && layer[0] == 0x1f && layer[1] == (byte) 0x8b;
        String type =
            docker
                ? MediaTypes.DOCKER_LAYER_GZIP
                : gzip ? MediaTypes.OCI_LAYER_GZIP : MediaTypes.OCI_LAYER;
        layerBlobs.add(new Blob(type, layer));
        diffIds.add(dev.aino.image.oci.Digest.of(layer).toString()); // not checked by aino
      }
      Blob configBlob =
          new Blob(docker ? MediaTypes.DOCKER_CONFIG : MediaTypes.OCI_CONFIG, Json.encode(config));
      ObjectNode manifest = Json.mapper().createObjectNode();
      manifest.put("schemaVersion", 2);
      String manifestType = docker ? MediaTypes.DOCKER_MANIFEST : MediaTypes.OCI_MANIFEST;
      manifest.put("mediaType", manifestType);
      manifest.set("config", configBlob.descriptor());
      ArrayNode layerList = manifest.putArray("layers");
      layerBlobs.forEach(b -> layerList.add(b.descriptor()));
      return new OciImage(new Blob(manifestType, Json.encode(manifest)), configBlob, layerBlobs);
    }

    private void strings(String field, String... values) {
      ArrayNode list = runConfig.putArray(field);
      for (String v : values) {
        list.add(v);
      }
    }
  }

  /** Writes OCI image layouts. */
  static final class Layouts {
    private Layouts() {}

    static void write(Path dir, List<Blob> blobs, List<ObjectNode> entries) {
      try {
        Path blobDir = dir.resolve("blobs").resolve("sha256");
        Files.createDirectories(blobDir);
        for (Blob b : blobs) {
          Files.write(blobDir.resolve(b.digest().hex()), b.bytes());
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = Json.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode manifests = index.putArray("manifests");
        entries.forEach(manifests::add);
        Files.write(dir.resolve("index.json"), Json.encode(index));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write an OCI layout to " + dir, e);
      }
    }
  }
}
