package dev.aino.server.cli;

import dev.aino.error.AinoException;
import dev.aino.error.ErrorCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a failed command reaches the user: one line on stderr starting with {@code aino:}, and an
 * exit code: 2 for a bad command line or setting, 1 when something failed at run time (including
 * every error a server answered). A stack trace only with {@code --verbose}.
 */
final class CliErrors
    implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
  static final int USAGE = 2;
  static final int FAILURE = 1;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr()
        .println(
            "aino: " + message(e) + " (see '" + cli.getCommandSpec().qualifiedName() + " --help')");
    return USAGE;
  }

  /**
   * The exception's message; for a word that matches no command or option, what it is and the
   * nearest ones picocli finds ({@code 'aply' is not an aino command; did you mean 'apply'?}),
   * instead of "Unmatched arguments from index 0".
   */
  private static String message(ParameterException e) {
    if (!(e instanceof UnmatchedArgumentException unmatched)
        || unmatched.getUnmatched().isEmpty()) {
      return e.getMessage();
    }
    CommandLine cli = e.getCommandLine();
    String word = unmatched.getUnmatched().get(0);
    boolean verb = !word.startsWith("-") && !cli.getSubcommands().isEmpty();
    String what =
        "'"
            + word
            + "' is not "
            + (verb
                ? "an aino command"
                : "an option or argument of '" + cli.getCommandSpec().qualifiedName() + "'");
    List<String> suggestions = unmatched.getSuggestions();
    if (suggestions.isEmpty()) {
      return what;
    }
    return what
        + "; did you mean "
        + suggestions.stream().map(w -> "'" + w + "'").collect(Collectors.joining(" or "))
        + "?";
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean verbose = verbose(parsed);
    if (e instanceof AinoException) {
      // Written for the user already.
      err.println("aino: " + e.getMessage());
    } else {
      String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      err.println("aino: " + message + (verbose ? "" : " (run with --verbose for details)"));
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e, cli.getCommand());
  }

  /**
   * A setting refused before anything ran is a usage error. A verb that talks to a server has
   * parsed its command line before it sends anything, so what fails there is the request, even when
   * the server refuses it as invalid.
   */
  static int exitCode(Exception e, Object command) {
    if (command instanceof ServerCommand) {
      return FAILURE;
    }
    boolean invalid = e instanceof AinoException ae && ae.code() == ErrorCode.INVALID_ARGUMENT;
    return invalid ? USAGE : FAILURE;
  }

  private static boolean verbose(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }
}
