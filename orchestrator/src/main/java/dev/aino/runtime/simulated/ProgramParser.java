package dev.aino.runtime.simulated;

import dev.aino.runtime.LogStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a simulated container's behaviour off its command line, so tests say what they mean in the
 * words a real container would use. Understood, as a command or as statements of {@code sh -c}
 * separated by {@code ;}, {@code &&} or line breaks:
 *
 * <ul>
 *   <li>{@code echo WORDS} prints the words (to stderr with a trailing {@code >&2});
 *   <li>{@code sleep N} waits N seconds (decimals allowed; {@code infinity} forever);
 *   <li>{@code exit N} ends with code N; {@code true}, {@code :} and {@code false} set the status;
 *   <li>{@code trap '' TERM} makes the program ignore SIGTERM;
 *   <li>{@code load cpu=Q memory=Q} makes the program use that much from then on (CPU in cores or
 *       millicores, {@code 0.5} or {@code 500m}; memory in bytes, {@code k}, {@code M}, {@code G}
 *       or {@code Ki}, {@code Mi}, {@code Gi}), either may be left out; what it used before is the
 *       {@link SimulationConfig}'s figure. So {@code load cpu=900m; sleep 60; load cpu=100m} is a
 *       load that drops after a minute. A program whose last statement is {@code load} runs until
 *       stopped, as a load generator does; a bad quantity fails like a real command (exit 2);
 *   <li>anything else (a server binary, {@code while true; do ...}) runs until stopped.
 * </ul>
 *
 * A program that runs out of statements exits with the status of the last one. Words are split as a
 * shell does, honouring single and double quotes and backslashes; nothing is expanded.
 */
final class ProgramParser {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash");
  private static final int CACHE_LIMIT = 4096;

  // Benchmarks start a million containers from a handful of command lines: parse each once.
  private static final Map<List<String>, SimulatedProgram> CACHE = new ConcurrentHashMap<>();

  private ProgramParser() {}

  static SimulatedProgram parse(List<String> argv) {
    SimulatedProgram cached = CACHE.get(argv);
    if (cached != null) {
      return cached;
    }
    SimulatedProgram program = parseUncached(argv);
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(List.copyOf(argv), program);
    }
    return program;
  }

  private static SimulatedProgram parseUncached(List<String> argv) {
    if (argv.isEmpty()) {
      return SimulatedProgram.forever();
    }
    if (argv.size() >= 3 && SHELLS.contains(baseName(argv.get(0))) && argv.get(1).equals("-c")) {
      return run(ShellWords.statements(argv.get(2)));
    }
    return run(List.of(argv));
  }

  private static SimulatedProgram run(List<List<String>> statements) {
    List<SimulatedProgram.Output> outputs = new ArrayList<>();
    List<SimulatedProgram.Load> loads = new ArrayList<>();
    Duration offset = Duration.ZERO;
    int status = 0;
    boolean ignoresSigterm = false;
    for (int index = 0; index < statements.size(); index++) {
      List<String> words = statements.get(index);
      String command = baseName(words.get(0));
      List<String> args = words.subList(1, words.size());
      switch (command) {
        case "echo" -> {
          echo(args, offset, outputs);
          status = 0;
        }
        case "sleep" -> {
          Duration pause = seconds(args);
          if (pause == null) {
            return new SimulatedProgram(outputs, loads, null, 0, ignoresSigterm);
          }
          offset = offset.plus(pause);
          status = 0;
        }
        case "exit" -> {
          int code = args.isEmpty() ? status : exitCode(args.get(0));
          return new SimulatedProgram(outputs, loads, offset, code, ignoresSigterm);
        }
        case "true", ":" -> status = 0;
        case "false" -> status = 1;
        case "trap" -> {
          ignoresSigterm |= ignoresTerm(args);
          status = 0;
        }
        case "load" -> {
          SimulatedProgram.Load load;
          try {
            load = load(args, offset);
          } catch (IllegalArgumentException e) {
            outputs.add(new SimulatedProgram.Output(offset, LogStream.STDERR, e.getMessage()));
            return new SimulatedProgram(outputs, loads, offset, 2, ignoresSigterm);
          }
          loads.add(load);
          status = 0;
          if (index == statements.size() - 1) {
            return new SimulatedProgram(outputs, loads, null, 0, ignoresSigterm);
          }
        }
        default -> {
          return new SimulatedProgram(outputs, loads, null, 0, ignoresSigterm);
        }
      }
    }
    return new SimulatedProgram(outputs, loads, offset, status, ignoresSigterm);
  }

  /** {@code load cpu=Q memory=Q} at {@code at}; refuses anything else with a message for stderr. */
  private static SimulatedProgram.Load load(List<String> args, Duration at) {
    Long cpu = null;
    Long memory = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String key = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (key) {
        case "cpu" -> cpu = cpuMillis(value);
        case "memory", "mem" -> memory = bytes(value);
        default ->
            throw new IllegalArgumentException(
                "load: unknown argument \"" + arg + "\" (expected cpu=Q and/or memory=Q)");
      }
    }
    return new SimulatedProgram.Load(at, cpu, memory);
  }

  /** {@code 500m} or {@code 0.5} (cores) as millicores. */
  private static long cpuMillis(String text) {
    try {
      BigDecimal millis =
          text.endsWith("m")
              ? new BigDecimal(text.substring(0, text.length() - 1))
              : new BigDecimal(text).movePointRight(3);
      long value = millis.setScale(0, RoundingMode.HALF_UP).longValueExact();
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "load: bad cpu \"" + text + "\" (expected cores, e.g. 0.5, or millicores, e.g. 500m)");
    }
  }

  private static final Map<String, Long> MEMORY_UNITS =
      Map.of(
          "", 1L,
          "k", 1000L,
          "M", 1000L * 1000,
          "G", 1000L * 1000 * 1000,
          "Ki", 1024L,
          "Mi", 1024L * 1024,
          "Gi", 1024L * 1024 * 1024);

  /** {@code 64Mi}, {@code 100M} or plain bytes. */
  private static long bytes(String text) {
    int split = text.length();
    while (split > 0 && Character.isLetter(text.charAt(split - 1))) {
      split--;
    }
    Long unit = MEMORY_UNITS.get(text.substring(split));
    try {
      if (unit == null) {
        throw new NumberFormatException();
      }
      long value =
          new BigDecimal(text.substring(0, split))
              .multiply(BigDecimal.valueOf(unit))
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "load: bad memory \"" + text + "\" (expected bytes, e.g. 64Mi, 100M or 1048576)");
    }
  }

  private static void echo(List<String> args, Duration at, List<SimulatedProgram.Output> out) {
    List<String> words = new ArrayList<>(args);
    LogStream stream = LogStream.STDOUT;
    if (!words.isEmpty() && Set.of(">&2", "1>&2").contains(words.get(words.size() - 1))) {
      stream = LogStream.STDERR;
      words.remove(words.size() - 1);
    }
    for (String line : String.join(" ", words).split("\n", -1)) {
      out.add(new SimulatedProgram.Output(at, stream, line));
    }
  }

  /** The pause of {@code sleep ARGS}; null for {@code infinity}; zero when unreadable. */
  private static Duration seconds(List<String> args) {
    if (args.isEmpty()) {
      return Duration.ZERO;
    }
    if (args.get(0).equals("infinity")) {
      return null;
    }
    try {
      BigDecimal secs = new BigDecimal(args.get(0));
      return Duration.ofNanos(secs.movePointRight(9).longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Duration.ZERO; // sleep refuses the argument at once, as the real one would
    }
  }

  private static int exitCode(String text) {
    try {
      return Integer.parseInt(text) & 0xFF;
    } catch (NumberFormatException e) {
      return 2; // what sh does with "exit abc"
    }
  }

  /** {@code trap '' TERM}: an empty action for SIGTERM. */
  private static boolean ignoresTerm(List<String> args) {
    if (args.size() < 2 || !args.get(0).isEmpty()) {
      return false;
    }
    for (String signal : args.subList(1, args.size())) {
      if (Set.of("TERM", "SIGTERM", "15").contains(signal)) {
        return true;
      }
    }
    return false;
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
