package dev.aino.server;

import dev.aino.server.cli.AinoCommand;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The entry point of {@code aino.jar}: {@code java -jar aino.jar up}, {@code java -jar aino.jar get
 * workloads}, ...
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(
        run(
            System.getenv(),
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            args));
  }

  /**
   * Runs one {@code aino} command line and returns its exit code. {@code aino up} returns only once
   * its server is closed.
   */
  public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
    return run(env, System.in, out, err, args);
  }

  /** As {@link #run(Map, PrintWriter, PrintWriter, String...)}, reading {@code stdin}. */
  public static int run(
      Map<String, String> env,
      InputStream stdin,
      PrintWriter out,
      PrintWriter err,
      String... args) {
    try {
      String verb = args.length > 0 ? args[0] : null;
      return AinoCommand.commandLine(env, stdin, out, err, verb).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
