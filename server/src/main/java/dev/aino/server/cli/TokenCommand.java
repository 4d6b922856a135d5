package dev.aino.server.cli;

import dev.aino.api.Role;
import dev.aino.error.ValidationException;
import dev.aino.server.DataDirectory;
import dev.aino.server.http.TokensFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aino token create NAME --role R}: a named caller for {@code --tokens-file}. It works on
 * the file, not through a server: a server reads the file again when it changes.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {"Manage the named callers of a tokens file.", ""})
final class TokenCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  TokenCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("aino token: name a command, e.g. 'aino token create'");
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }

  /** {@code aino token create NAME --role R}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Add a caller to a tokens file with a new random token, and print the token once: the"
            + " file keeps only its SHA-256 hash.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  aino token create incident-bot --role operator",
        "  aino up --tokens-file ~/.local/share/aino/tokens"
      })
  int create(
      @Parameters(paramLabel = "NAME", description = "The caller's name, as events will name it.")
          String name,
      @Option(
              names = "--role",
              required = true,
              paramLabel = "ROLE",
              description =
                  "admin (changes anything), operator (workloads, not nodes), viewer (reads) or agent"
                      + " (aino agent --join of the node named NAME).")
          String role,
      @Option(
              names = "--tokens-file",
              paramLabel = "FILE",
              description = "The file to add it to. Default: tokens in the data directory.")
          Path file) {
    Role parsed =
        TokensFile.role(role)
            .orElseThrow(
                () ->
                    new ValidationException(
                        "--role",
                        "must be admin, operator, viewer or agent, got \"" + role + "\""));
    Path target =
        file != null
            ? file
            : DataDirectory.defaultPath(env, System.getProperty("user.home")).resolve("tokens");
    String token = TokensFile.create(target, name, parsed);
    spec.commandLine().getOut().println(token);
    spec.commandLine()
        .getErr()
        .println(
            name
                + " ("
                + parsed.id()
                + ") added to "
                + target
                + "; the token above is shown only now. A server started with --tokens-file "
                + target
                + " accepts it at once.");
    return 0;
  }
}
