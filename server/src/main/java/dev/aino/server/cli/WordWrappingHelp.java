package dev.aino.server.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help whose option and parameter descriptions wrap between words only. Picocli wraps them where
 * {@link java.text.BreakIterator} allows, which includes after a dot or slash, so {@code
 * http://127.0.0.1:7070} and {@code ~/.local/share/aino} came out split over two lines. Here each
 * description is cut at spaces into lines that fit its column before picocli sees it, so picocli
 * has nothing left to wrap.
 */
final class WordWrappingHelp extends CommandLine.Help {
  /** Picocli indents the lines it wraps by two; the lines cut here look the same. */
  private static final String CONTINUATION = "  ";

  WordWrappingHelp(CommandSpec spec, ColorScheme scheme) {
    super(spec, scheme);
  }

  @Override
  public Layout createDefaultLayout(
      List<OptionSpec> options, List<PositionalParamSpec> positionals, ColorScheme scheme) {
    Layout layout = super.createDefaultLayout(options, positionals, scheme);
    CommandLine.Help.Column[] columns = layout.textTable().columns();
    CommandLine.Help.Column description = columns[columns.length - 1];
    int width = description.width - description.indent;
    IOptionRenderer options0 = layout.optionRenderer();
    IParameterRenderer params0 = layout.parameterRenderer();
    return new Layout(
        scheme,
        layout.textTable(),
        (option, labels, s) -> wrapped(options0.render(option, labels, s), width, s),
        (param, labels, s) -> wrapped(params0.render(param, labels, s), width, s));
  }

  /** The rows with each one's last cell cut at spaces into lines of at most {@code width}. */
  static Text[][] wrapped(Text[][] rows, int width, ColorScheme scheme) {
    List<Text[]> out = new ArrayList<>();
    for (Text[] row : rows) {
      int last = row.length - 1;
      List<String> lines = lines(row[last].plainString(), width);
      Text[] first = Arrays.copyOf(row, row.length);
      first[last] = scheme.text(lines.get(0));
      out.add(first);
      for (String line : lines.subList(1, lines.size())) {
        Text[] more = new Text[row.length];
        Arrays.fill(more, scheme.text(""));
        more[last] = scheme.text(CONTINUATION + line);
        out.add(more);
      }
    }
    return out.toArray(new Text[0][]);
  }

  /**
   * {@code text} in lines of at most {@code width} characters, the first, and of {@code width} less
   * the continuation indent, the others, broken at spaces only; a word longer than a line stands
   * alone on its own.
   */
  static List<String> lines(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split(" +")) {
      int room = lines.isEmpty() ? width : width - CONTINUATION.length();
      if (line.length() > 0 && line.length() + 1 + word.length() > room) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
