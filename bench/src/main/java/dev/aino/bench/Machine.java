package dev.aino.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

/** What a reader needs to judge figures taken on a shared machine. */
public final class Machine {
  private Machine() {}

  /** e.g. {@code 2 CPUs, load average 1.58 3.40 5.75}. */
  public static String describe() {
    return Runtime.getRuntime().availableProcessors() + " CPUs, load average " + loadAverage();
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
  public static String loadAverage() {
    try {
      String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | ArrayIndexOutOfBoundsException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
