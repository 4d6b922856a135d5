package dev.aino.server.cli;

import dev.aino.server.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One run of the {@code aino} command line in process: its exit code and what it printed.
 *
 * @param exitCode what the process would exit with
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exitCode, String out, String err) {
  /** Runs {@code args} with {@code env} as the environment and nothing on standard input. */
  static CliRun of(Map<String, String> env, String... args) {
    return of(env, InputStream.nullInputStream(), args);
  }

  /** Runs {@code args} with {@code env} as the environment and {@code stdin} typed in. */
  static CliRun typing(Map<String, String> env, String stdin, String... args) {
    return of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
  }

  private static CliRun of(Map<String, String> env, InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(env, stdin, new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
