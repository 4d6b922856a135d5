package dev.aino.bench.store;

import dev.aino.json.Json;
import dev.aino.model.DesiredState;
import dev.aino.model.Instance;
import dev.aino.model.InstancePhase;
import dev.aino.model.Resources;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * What the benchmark writes: running instances shaped like the ones the control loop keeps, for
 * aino; bytes of the same size for the bare clients. Both carry a {@link System#nanoTime()} stamp:
 * in the instance's message for aino, in the first 8 bytes for the bare clients.
 */
final class Payloads {
  private static final String STAMP_PREFIX = "written at ";
  private static final int STAMP_HEX_DIGITS = 16;
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant STARTED = CREATED.plusSeconds(2);

  private Payloads() {}

  /** Instance {@code index} of {@code workload}: running on a node, stamped. */
  static Instance instance(String workload, int index, long stampNanos) {
    String id = workload + "-" + Integer.toString(index, 36);
    return new Instance(
        id,
        workload,
        1,
        "5f2c9d1e7a3b4c60",
        Resources.of(250, 256),
        "node-" + (index % 5000),
        DesiredState.RUN,
        InstancePhase.RUNNING,
        "aino-" + id,
        null,
        0,
        true,
        "Started",
        message(stampNanos),
        CREATED,
        STARTED,
        null,
        null,
        null,
        null,
        0);
  }

  /** The same instance with a new stamp; its revision is kept, for a conditional update. */
  static Instance restamped(Instance instance, long stampNanos) {
    return instance.toBuilder().message(message(stampNanos)).build();
  }

  /** The stamp an instance was written with. */
  static long stampOf(Instance instance) {
    String message = instance.message();
    return Long.parseUnsignedLong(message.substring(message.length() - STAMP_HEX_DIGITS), 16);
  }

  /** Bare clients' payload: as many bytes as an instance's JSON (the JSON itself). */
  static byte[] bareTemplate() {
    return Json.encode(instance("payload", 0, 0));
  }

  /** A copy of {@code template} with the stamp in its first 8 bytes. */
  static byte[] stamped(byte[] template, long stampNanos) {
    byte[] copy = template.clone();
    ByteBuffer.wrap(copy).putLong(0, stampNanos);
    return copy;
  }

  /** The stamp of bytes made by {@link #stamped(byte[], long)}. */
  static long stampOf(byte[] value) {
    return ByteBuffer.wrap(value).getLong(0);
  }

  /** Fixed width, so that every write of an instance has the same size. */
  private static String message(long stampNanos) {
    String hex = Long.toHexString(stampNanos);
    return STAMP_PREFIX + "0".repeat(STAMP_HEX_DIGITS - hex.length()) + hex;
  }
}
