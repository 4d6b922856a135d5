package dev.aino.server.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** How a verb prints what the server answered: {@code -o table|json|yaml}. */
enum OutputFormat {
  /** Columns for people; one line for actions such as {@code scale}. */
  TABLE,
  /** The table with more columns where a command has them ({@code aino ps}: IP and ports). */
  WIDE,
  /** The server's objects as indented JSON, the shapes {@code docs/api.md} documents. */
  JSON,
  /** The same objects as YAML. */
  YAML;

  /** True for the formats that print tables for people ({@code table}, {@code wide}). */
  boolean isTable() {
    return this == TABLE || this == WIDE;
  }

  /** Reads {@code -o}'s lower-case names. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.name().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "must be one of "
              + Arrays.stream(values())
                  .map(f -> f.name().toLowerCase(Locale.ROOT))
                  .collect(Collectors.joining(", "))
              + ", got \""
              + value
              + "\"");
    }
  }
}
