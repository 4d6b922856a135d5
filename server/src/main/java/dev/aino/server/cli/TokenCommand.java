package dev.aino.server.cli;

import dev.aino.api.Role;
import dev.aino.server.DataDirectory;
import dev.aino.server.http.TokensFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code aino token create NAME --role R}: a named caller for {@code --tokens-file}. It works on
 * the file, not through a server: the server reads the file again when it changes.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {"Manage the named callers of a tokens file.", ""})
final class TokenCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("aino token: name a command, e.g. 'aino token create'");
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }

  /** The tokens file when {@code --tokens-file} is not given: {@code tokens} in the data dir. */
  static Path defaultFile(java.util.Map<String, String> env) {
    return DataDirectory.defaultPath(env, System.getProperty("user.home")).resolve("tokens");
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
  static final class Create implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The caller's name, as events will name it.")
    private String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description =
            "admin (changes anything), operator (workloads, not nodes) or viewer (reads).")
    private String role;

    @Option(
        names = "--tokens-file",
        paramLabel = "FILE",
        description = "The file to add it to. Default: tokens in the data directory.")
    private Path file;

    private final java.util.Map<String, String> env;

    Create(java.util.Map<String, String> env) {
      this.env = env;
    }

    @Override
    public Integer call() {
      Role parsed =
          TokensFile.role(role)
              .orElseThrow(
                  () ->
                      new dev.aino.error.ValidationException(
                          "--role", "must be admin, operator or viewer, got \"" + role + "\""));
      Path target = file != null ? file : defaultFile(env);
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
}
