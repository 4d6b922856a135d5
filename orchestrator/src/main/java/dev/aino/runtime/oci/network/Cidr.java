package dev.aino.runtime.oci.network;

import dev.aino.error.ValidationException;

/**
 * An IPv4 network in CIDR form ({@code 10.88.0.0/16}).
 *
 * @param address the network's address as an unsigned 32-bit number, host bits zero
 * @param prefix the prefix length, 8 to 30
 */
public record Cidr(long address, int prefix) {

  /**
   * Parses {@code text}, refusing host bits and prefixes outside 8-30 (a network too small for a
   * bridge and one container, or larger than any node needs).
   */
  public static Cidr parse(String field, String text) {
    if (text == null) {
      throw new ValidationException(field, "is required");
    }
    String[] parts = text.split("/", -1);
    String[] octets = parts[0].split("\\.", -1);
    if (parts.length != 2 || octets.length != 4) {
      throw new ValidationException(
          field, "must be an IPv4 CIDR such as 10.88.0.0/16, got \"" + text + "\"");
    }
    long address = 0;
    int prefix;
    try {
      for (String octet : octets) {
        int value = Integer.parseInt(octet);
        if (value < 0 || value > 255 || octet.length() > 3) {
          throw new NumberFormatException(octet);
        }
        address = (address << 8) | value;
      }
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new ValidationException(
          field, "must be an IPv4 CIDR such as 10.88.0.0/16, got \"" + text + "\"");
    }
    if (prefix < 8 || prefix > 30) {
      throw new ValidationException(field, "prefix must be 8 to 30, got /" + prefix);
    }
    long mask = mask(prefix);
    if ((address & ~mask & 0xFFFF_FFFFL) != 0) {
      throw new ValidationException(
          field, "has host bits set; the network is " + format(address & mask) + "/" + prefix);
    }
    return new Cidr(address, prefix);
  }

  /**
   * The {@code /24} (or this network itself when it is that small already) that a node called
   * {@code nodeName} takes out of this cluster range: chosen by a hash of the name, so every agent
   * computes its own without asking anyone. Two nodes can draw the same one; give such nodes their
   * subnet explicitly.
   */
  public Cidr subnetFor(String nodeName) {
    if (prefix >= 24) {
      return this;
    }
    int count = 1 << (24 - prefix);
    int index = Math.floorMod(nodeName.hashCode(), count);
    return new Cidr(address + ((long) index << 8), 24);
  }

  @Override
  public String toString() {
    return format(address) + "/" + prefix;
  }

  private static long mask(int prefix) {
    return (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
  }

  private static String format(long a) {
    return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
  }
}
