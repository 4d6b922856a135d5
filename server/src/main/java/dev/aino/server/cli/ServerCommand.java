package dev.aino.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aino.api.Surface;
import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import dev.aino.json.Json;
import dev.aino.server.client.AinoClient;
import dev.aino.server.format.Yaml;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A verb that talks to a running server ({@code apply}, {@code get}, {@code scale}, ...). By the
 * time it runs its command line has been parsed, so whatever fails is the request: exit code 1.
 */
abstract class ServerCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec private CommandSpec spec;

  @Mixin private ServerOptions options;

  ServerCommand(CliContext context) {
    this.context = context;
  }

  /** Does the verb's work with a client of the chosen server; returns the exit code. */
  abstract int run(AinoClient client);

  @Override
  public final Integer call() {
    return run(
        new AinoClient(
            options.server(context.env()), ServerOptions.token(context.env()), Surface.CLI));
  }

  final CliContext context() {
    return context;
  }

  final CommandSpec spec() {
    return spec;
  }

  final OutputFormat output() {
    return options.output();
  }

  final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  final Instant now() {
    return context.clock().instant();
  }

  /**
   * Prints {@code value} as JSON or YAML when {@code -o} asks for it.
   *
   * @return false for {@code -o table}: the caller prints its table or line
   */
  final boolean printStructured(Object value) {
    try {
      switch (output()) {
        case JSON:
          out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
          return true;
        case YAML:
          out().print(Yaml.mapper().writeValueAsString(value));
          return true;
        default:
          return false;
      }
    } catch (JsonProcessingException e) {
      throw new AinoException(ErrorCode.INTERNAL, "cannot print the answer as " + output(), e);
    }
  }
}
