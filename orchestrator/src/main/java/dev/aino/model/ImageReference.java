package dev.aino.model;

import dev.aino.error.ValidationException;
import java.util.regex.Pattern;

/**
 * Where an instance's root filesystem comes from. Registry references follow the OCI/Docker grammar
 * {@code [registry[:port]/]repository[:tag][@digest]}; {@code oci:/path[:tag]} names an OCI
 * image-layout directory and {@code rootfs:/path} a plain directory, both for development.
 *
 * @param source which of the three kinds this is
 * @param registry host[:port] for registry images, {@code docker.io} when not given; null otherwise
 * @param repository repository path for registry images, the directory otherwise
 * @param tag tag, {@code latest} when neither tag nor digest is given; null for rootfs
 * @param digest {@code algorithm:hex} content digest, or null
 */
public record ImageReference(
    Source source, String registry, String repository, String tag, String digest) {

  /** The kinds of image source. */
  public enum Source {
    REGISTRY,
    OCI_LAYOUT,
    ROOTFS
  }

  public static final String DEFAULT_REGISTRY = "docker.io";

  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");

  public ImageReference {
    Validate.required("source", source);
    Validate.nonBlank("repository", repository);
  }

  /** Parses a reference, naming {@code field} in the error when it is malformed. */
  public static ImageReference parse(String field, String text) {
    Validate.nonBlank(field, text);
    if (text.length() > 512) {
      throw new ValidationException(field, "must be at most 512 characters, got " + text.length());
    }
    if (text.startsWith("oci:")) {
      return parseLayout(field, text.substring(4));
    }
    if (text.startsWith("rootfs:")) {
      String dir = text.substring(7);
      requireAbsolute(field, dir);
      return new ImageReference(Source.ROOTFS, null, dir, null, null);
    }
    return parseRegistry(field, text);
  }

  private static ImageReference parseLayout(String field, String rest) {
    String dir = rest;
    String tag = "latest";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      dir = rest.substring(0, colon);
      tag = rest.substring(colon + 1);
      requireTag(field, tag);
    }
    requireAbsolute(field, dir);
    return new ImageReference(Source.OCI_LAYOUT, null, dir, tag, null);
  }

  private static ImageReference parseRegistry(String field, String text) {
    String rest = text;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new ValidationException(
            field, "has a malformed digest \"" + Validate.clip(digest) + "\" (want sha256:<hex>)");
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      requireTag(field, tag);
    }
    String registry = DEFAULT_REGISTRY;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
        if (!HOST.matcher(registry).matches()) {
          throw new ValidationException(
              field, "has a malformed registry host \"" + Validate.clip(registry) + "\"");
        }
      }
    }
    if (!REPOSITORY.matcher(rest).matches()) {
      throw new ValidationException(
          field,
          "has a malformed repository \""
              + Validate.clip(rest)
              + "\" (lower-case letters, digits and separators '.', '_', '-', '/')");
    }
    if (registry.equals(DEFAULT_REGISTRY) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    return new ImageReference(Source.REGISTRY, registry, rest, tag, digest);
  }

  private static void requireTag(String field, String tag) {
    if (!TAG.matcher(tag).matches()) {
      throw new ValidationException(
          field,
          "has a malformed tag \""
              + Validate.clip(tag)
              + "\" (letters, digits, '_', '.', '-', at most 128)");
    }
  }

  private static void requireAbsolute(String field, String dir) {
    if (!dir.startsWith("/")) {
      throw new ValidationException(
          field, "must name an absolute directory, got \"" + Validate.clip(dir) + "\"");
    }
    Validate.text(field, dir);
  }

  /** The manifest reference to ask a registry for: the digest when pinned, else the tag. */
  public String reference() {
    return digest != null ? digest : tag;
  }

  @Override
  public String toString() {
    return switch (source) {
      case ROOTFS -> "rootfs:" + repository;
      case OCI_LAYOUT -> "oci:" + repository + ":" + tag;
      case REGISTRY ->
          registry
              + "/"
              + repository
              + (tag != null ? ":" + tag : "")
              + (digest != null ? "@" + digest : "");
    };
  }
}
