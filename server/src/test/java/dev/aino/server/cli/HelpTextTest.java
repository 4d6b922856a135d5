package dev.aino.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aino.server.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** What {@code --help} and a mistyped command show. */
class HelpTextTest {
  private static CommandLine all() {
    return AinoCommand.commandLine(
        Map.of(),
        new ByteArrayInputStream(new byte[0]),
        new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()),
        null);
  }

  @Test
  void aMistypedVerbSuggestsTheNearestOne() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            Map.of(),
            InputStream.nullInputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            "aply",
            "-f",
            "x.yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("aino: 'aply' is not an aino command; did you mean 'apply'")
        .doesNotContain("Unmatched arguments");
  }

  /**
   * Every word of every option's and parameter's description, URLs and paths included, comes out
   * whole in {@code --help}: wrapped between words, never inside one.
   */
  @Test
  void helpWrapsBetweenWordsOnly() {
    CommandLine top = all();
    List<CommandLine> commands = new ArrayList<>(List.of(top));
    commands.addAll(top.getSubcommands().values());
    for (CommandLine cli : commands) {
      String usage = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
      Set<String> rendered = new HashSet<>(Arrays.asList(usage.split("\\s+")));
      List<String> words =
          Stream.concat(
                  cli.getCommandSpec().options().stream(),
                  cli.getCommandSpec().positionalParameters().stream())
              .map(ArgSpec::description)
              .flatMap(Arrays::stream)
              .flatMap(d -> Arrays.stream(d.split("\\s+")))
              .filter(w -> w.matches(".*\\w[./]\\w.*") && !w.contains("${"))
              .collect(Collectors.toList());
      assertThat(words).as(cli.getCommandName()).isNotNull();
      for (String word : words) {
        assertThat(rendered).as(cli.getCommandName() + " --help:\n" + usage).contains(word);
      }
    }
    String up = top.getSubcommands().get("up").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(up).contains("~/.local/share/aino.");
  }

  @Test
  void theTopHelpPromisesNothingThatDoesNotExist() {
    String usage = all().getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(usage).doesNotContain("console").doesNotContain("A2A");
  }

  @Test
  void linesAreCutAtSpaces() {
    assertThat(WordWrappingHelp.lines("Default: $AINO_SERVER, else http://127.0.0.1:7070.", 30))
        .containsExactly("Default: $AINO_SERVER, else", "http://127.0.0.1:7070.");
  }
}
