package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for one verb is the whole one's, cut down to that verb. */
class AinoCommandTest {
  private static final Map<String, String> ENV = Map.of();

  private static CommandLine build(String verb) {
    return AinoCommand.commandLine(
        ENV,
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        verb);
  }

  @Test
  void everyVerbIsRegisteredUnderTheNameItsCommandDeclares() {
    var verbs =
        AinoCommand.verbs(
            ENV, new CliContext(ENV, new ByteArrayInputStream(new byte[0]), Clock.systemUTC()));
    verbs.forEach(
        (name, command) ->
            assertThat(new CommandLine(command.get()).getCommandName()).as(name).isEqualTo(name));
  }

  @Test
  void aKnownVerbGetsOnlyItsOwnSubcommand() {
    assertThat(build("up").getSubcommands()).containsOnlyKeys("up");
    assertThat(build("logs").getSubcommands()).containsOnlyKeys("logs");
  }

  @Test
  void anythingElseGetsEveryVerbAndHelp() {
    assertThat(build(null).getSubcommands().keySet())
        .containsAll(AinoCommand.verbs(ENV, null).keySet())
        .contains("help");
    assertThat(build("--help").getSubcommands()).hasSize(build(null).getSubcommands().size());
    assertThat(build("uq").getSubcommands()).hasSize(build(null).getSubcommands().size());
  }
}
