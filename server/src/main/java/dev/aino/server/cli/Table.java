package dev.aino.server.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns as {@code kubectl get} prints them: an upper-case header, columns three
 * spaces apart, the last one not padded (it is often a long message).
 */
final class Table {
  private static final String GAP = "   ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... header) {
    this.header = List.of(header);
  }

  /** Adds a row; a null cell prints as {@code -}. */
  Table row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "a row of " + header + " needs " + header.size() + " cells, got " + cells.length);
    }
    List<String> row = new ArrayList<>(cells.length);
    for (String cell : cells) {
      row.add(cell == null || cell.isEmpty() ? "-" : cell.replace('\n', ' '));
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    print(out, "");
  }

  /** Prints each line after {@code indent}, as {@code describe} nests tables. */
  void print(PrintWriter out, String indent) {
    int[] widths = new int[header.size()];
    measure(header, widths);
    rows.forEach(row -> measure(row, widths));
    printRow(out, indent, header, widths);
    rows.forEach(row -> printRow(out, indent, row, widths));
  }

  private static void measure(List<String> row, int[] widths) {
    for (int i = 0; i < row.size(); i++) {
      widths[i] = Math.max(widths[i], row.get(i).length());
    }
  }

  private static void printRow(PrintWriter out, String indent, List<String> row, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int i = 0; i < row.size(); i++) {
      String cell = row.get(i);
      line.append(cell);
      if (i < row.size() - 1) {
        line.append(" ".repeat(widths[i] - cell.length())).append(GAP);
      }
    }
    out.println(line.toString().stripTrailing());
  }
}
