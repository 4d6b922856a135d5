package dev.aino.server.gossip;

import dev.aino.model.Validate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the metadata a member announces to the gossip group. scalecube-cluster has no
 * authentication, so every member signs the node name it claims with a key derived from the cluster
 * token (HMAC-SHA256 of a fixed label, so the token itself never travels and the gossip key cannot
 * be used as an API token), and a member whose metadata does not verify is left out of the view.
 *
 * <p>This protects the control plane from a process that does not know the token claiming to be a
 * node, or a stray aino cluster on the same network mixing its members into ours. It does not
 * encrypt gossip, does not stop such a process from sending gossip packets at all, and does not
 * stop a replay: a captured metadata blob announced from another address claims the same node.
 */
final class GossipKey {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "aino-gossip-v1";

  private final SecretKeySpec key;

  /**
   * @param token the cluster token that also guards the HTTP API
   */
  GossipKey(String token) {
    Validate.nonBlank("token", token);
    this.key =
        new SecretKeySpec(
            hmac(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), ALGORITHM), VERSION),
            ALGORITHM);
  }

  /** The metadata a member with this key announces for {@code node}. */
  String sign(String node) {
    return VERSION + "\n" + node + "\n" + HexFormat.of().formatHex(hmac(key, signed(node)));
  }

  /** The node name in {@code metadata} when it was signed with this key; empty otherwise. */
  Optional<String> verify(String metadata) {
    if (metadata == null) {
      return Optional.empty();
    }
    String[] parts = metadata.split("\n", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0])) {
      return Optional.empty();
    }
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(parts[2]);
    } catch (IllegalArgumentException notHex) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(claimed, hmac(key, signed(parts[1])))
        ? Optional.of(parts[1])
        : Optional.empty();
  }

  private static String signed(String node) {
    return VERSION + "\n" + node;
  }

  private static byte[] hmac(SecretKeySpec key, String text) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
