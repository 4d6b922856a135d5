package dev.aino.server.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

/**
 * What a command reads besides its arguments: the environment (e.g. {@code AINO_TOKEN}), standard
 * input ({@code -f -}) and the clock that ages are measured by. Passed in so tests run commands in
 * process with their own.
 *
 * @param env environment variables
 * @param stdin standard input
 * @param clock the current time
 */
record CliContext(Map<String, String> env, InputStream stdin, Clock clock) {
  CliContext {
    env = Map.copyOf(env);
  }
}
